using Dapper;
using Parley.Storage.Agents;
using Parley.Storage.Database;
using Parley.Storage.Teamspaces;
using Parley.Storage.Tests.Fixtures;

namespace Parley.Storage.Tests.Database;

public abstract class MigrationTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : MigrationTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : MigrationTests(storage), IClassFixture<PostgresStorage>;

    private static readonly string[] Tables = ["teamspaces", "api_keys", "agents", "conversations", "messages", "timeline_events"];

    [Fact]
    public async Task A_new_database_migrated_twice_has_every_table_and_each_migration_recorded_once()
    {
        using var database = await Storage.CreateDatabaseAsync();
        await database.MigrateAsync();
        await database.MigrateAsync();

        await using var connection = await database.OpenAsync();
        var versions = await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version;");
        Assert.Equal(Migrations.For(Storage.Provider).Select(m => m.Version), versions);
        foreach (var table in Tables)
        {
            Assert.Equal(0L, await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table};"));
        }
    }

    [Fact]
    public async Task Upgrading_a_database_that_holds_two_default_agents_in_a_teamspace_keeps_the_oldest_as_its_default()
    {
        using var database = await Storage.CreateDatabaseAsync();
        var migrations = Migrations.For(Storage.Provider);
        var oneDefault = migrations.Single(m => m.Sql.Contains("ux_agents_default", StringComparison.Ordinal)).Version;
        var (twice, once) = (Ids.New(), Ids.New());
        var (oldest, newer, only, plain) = (Ids.New(), Ids.New(), Ids.New(), Ids.New());
        await using (var connection = await database.OpenAsync())
        {
            // The schema as it was before that migration, with what racing sessions could leave behind.
            await connection.ExecuteAsync("CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL);");
            foreach (var migration in migrations.Where(m => m.Version < oneDefault))
            {
                await connection.ExecuteAsync(migration.Sql);
                await connection.ExecuteAsync("INSERT INTO schema_migrations (version, applied_at) VALUES (@Version, 'before');", new { migration.Version });
            }

            foreach (var teamspace in new[] { twice, once })
            {
                await connection.ExecuteAsync("INSERT INTO teamspaces (id, name, created_at) VALUES (@Id, 'old', @Start);", new { Id = teamspace, Start });
            }

            foreach (var (id, teamspace, isDefault) in new[] { (oldest, twice, true), (newer, twice, true), (only, once, true), (plain, twice, false) })
            {
                await connection.ExecuteAsync(
                    "INSERT INTO agents (id, teamspace_id, name, is_default, spec_json, created_at, updated_at) VALUES (@Id, @Teamspace, 'Parley', @IsDefault, '{}', @Start, @Start);",
                    new { Id = id, Teamspace = teamspace, IsDefault = isDefault, Start });
            }
        }

        await database.MigrateAsync();

        await using (var connection = await database.OpenAsync())
        {
            var defaults = await connection.QueryAsync<string>("SELECT id FROM agents WHERE is_default = TRUE ORDER BY id;");
            Assert.Equal([oldest, only], defaults);
            Assert.Equal(4L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM agents;"));
        }

        Assert.Equal(oldest, (await new AgentStore(database, Time).GetDefaultAsync(twice)).Id);
    }

    [Fact]
    public async Task Migrating_a_database_in_use_again_keeps_its_data()
    {
        var teamspace = await NewTeamspaceAsync();

        await Database.MigrateAsync();

        Assert.Equal(["Teamspace " + teamspace], await QueryAsync<string>("SELECT name FROM teamspaces WHERE id = @Id;", new { Id = teamspace }));
    }

    [Fact]
    public async Task Ensuring_a_teamspace_twice_keeps_the_first()
    {
        var teamspaces = new TeamspaceStore(Database, Time);
        var id = Ids.New();
        await teamspaces.EnsureAsync(id, "first");
        await teamspaces.EnsureAsync(id, "second");

        Assert.Equal(["first"], await QueryAsync<string>("SELECT name FROM teamspaces WHERE id = @Id;", new { Id = id }));
    }

    [Fact]
    public async Task Upgrading_keys_made_before_roles_makes_the_bootstrap_keys_operators_and_cuts_the_prefixes_shown()
    {
        using var database = await Storage.CreateDatabaseAsync();
        var migrations = Migrations.For(Storage.Provider);
        var roles = migrations.Single(m => m.Sql.Contains("is_operator", StringComparison.Ordinal)).Version;
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL);");
            foreach (var migration in migrations.Where(m => m.Version < roles))
            {
                await connection.ExecuteAsync(migration.Sql);
                await connection.ExecuteAsync("INSERT INTO schema_migrations (version, applied_at) VALUES (@Version, 'before');", new { migration.Version });
            }

            await connection.ExecuteAsync("INSERT INTO teamspaces (id, name, created_at) VALUES ('default', 'Default', @Start), ('acme', 'acme', @Start);", new { Start });
            foreach (var (id, teamspace, name, prefix, admin) in new[]
            {
                ("configured", "default", "bootstrap (PARLEY_API_KEY)", "short-key1", true),
                ("generated", "default", "bootstrap (generated)", "pk_0123456", true),
                ("admin", "acme", "bootstrap (PARLEY_API_KEY)", "pk_abcdefg", true),
                ("user", "default", "ci", "pk_9876543", false),
            })
            {
                await connection.ExecuteAsync(
                    "INSERT INTO api_keys (id, teamspace_id, name, prefix, key_hash, is_admin, created_at) VALUES (@Id, @Teamspace, @Name, @Prefix, @Id, @Admin, @Start);",
                    new { Id = id, Teamspace = teamspace, Name = name, Prefix = prefix, Admin = admin, Start });
            }
        }

        await database.MigrateAsync();

        await using (var connection = await database.OpenAsync())
        {
            var keys = (await connection.QueryAsync<(string Id, string Prefix, bool IsOperator, bool IsBootstrap)>(
                "SELECT id, prefix, is_operator, is_bootstrap FROM api_keys ORDER BY id;")).ToList();
            Assert.Equal(
                [("admin", "pk_", false, false), ("configured", "sho", true, true), ("generated", "pk_01234", true, true), ("user", "pk_98765", false, false)],
                keys);
        }
    }
}
