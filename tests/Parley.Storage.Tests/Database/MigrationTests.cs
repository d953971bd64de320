using Dapper;
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
}
