using Parley.Storage.ApiKeys;
using Parley.Storage.Teamspaces;
using Parley.Storage.Tests.Fixtures;

namespace Parley.Storage.Tests.ApiKeys;

public abstract class ApiKeyStoreTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : ApiKeyStoreTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : ApiKeyStoreTests(storage), IClassFixture<PostgresStorage>;

    private ApiKeyStore Keys => new(Database, Time);

    [Fact]
    public async Task Creating_a_key_returns_the_raw_key_once_and_stores_only_its_hash_and_prefix()
    {
        var teamspace = await NewTeamspaceAsync();

        var (key, raw) = await Keys.CreateAsync(teamspace, "ci", isAdmin: true);

        Assert.StartsWith(ApiKeyHasher.KeyPrefix, raw, StringComparison.Ordinal);
        Assert.Equal(ApiKeyHasher.KeyPrefix.Length + 48, raw.Length);
        Assert.Equal(raw[..10], key.Prefix);
        Assert.Equal(teamspace, key.TeamspaceId);
        Assert.Equal("ci", key.Name);
        Assert.True(key.IsAdmin);
        Assert.Equal(Start, key.CreatedAt);
        Assert.Null(key.RevokedAt);

        var row = Assert.Single(await QueryAsync<(string Id, string Teamspace, string Name, string Prefix, string Hash)>(
            "SELECT id, teamspace_id, name, prefix, key_hash FROM api_keys WHERE id = @Id;", new { key.Id }));
        Assert.Equal(ApiKeyHasher.Hash(raw), row.Hash);
        Assert.DoesNotContain(new[] { row.Id, row.Teamspace, row.Name, row.Prefix, row.Hash }, value => value.Contains(raw[10..], StringComparison.Ordinal));

        var (second, secondRaw) = await Keys.CreateAsync(teamspace, "ci", isAdmin: true);
        Assert.NotEqual(raw, secondRaw);
        Assert.NotEqual(key.Id, second.Id);
    }

    [Fact]
    public async Task A_key_is_found_by_its_raw_value_only_with_everything_it_was_stored_with()
    {
        var teamspace = await NewTeamspaceAsync();
        var (admin, adminRaw) = await Keys.CreateAsync(teamspace, "admin", isAdmin: true);
        var (plain, plainRaw) = await Keys.CreateAsync(teamspace, "plain", isAdmin: false);

        Assert.Equal(admin, await Keys.FindActiveAsync(adminRaw));
        Assert.Equal(plain, await Keys.FindActiveAsync(plainRaw));
        Assert.Null(await Keys.FindActiveAsync(adminRaw + "x"));
        Assert.Null(await Keys.FindActiveAsync(adminRaw[..^1]));
        Assert.Null(await Keys.FindActiveAsync(ApiKeyHasher.Hash(adminRaw)));
        Assert.Null(await Keys.FindActiveAsync(admin.Prefix));
    }

    [Fact]
    public async Task Ensuring_a_key_twice_keeps_the_first_record()
    {
        var teamspace = await NewTeamspaceAsync();
        var raw = ApiKeyHasher.NewKey();

        var first = await Keys.EnsureAsync(raw, teamspace, "first", isAdmin: true);
        Time.Advance(TimeSpan.FromMinutes(1));
        var again = await Keys.EnsureAsync(raw, teamspace, "again", isAdmin: false);

        Assert.Equal(first, again);
        Assert.Single(await Keys.ListAsync(teamspace));
    }

    [Fact]
    public async Task A_revoked_key_stops_working_but_stays_listed_with_the_time_it_was_revoked()
    {
        var teamspace = await NewTeamspaceAsync();
        var (key, raw) = await Keys.CreateAsync(teamspace, "soon gone", isAdmin: false);
        Time.Advance(TimeSpan.FromSeconds(90));

        Assert.True(await Keys.RevokeAsync(teamspace, key.Id));
        Assert.False(await Keys.RevokeAsync(teamspace, key.Id));
        Assert.False(await Keys.RevokeAsync(teamspace, Ids.New()));

        Assert.Null(await Keys.FindActiveAsync(raw));
        var listed = Assert.Single(await Keys.ListAsync(teamspace));
        Assert.Equal(key with { RevokedAt = Start.AddSeconds(90) }, listed);
    }

    [Fact]
    public async Task A_teamspace_neither_lists_nor_revokes_another_teamspaces_keys()
    {
        var mine = await NewTeamspaceAsync();
        var theirs = await NewTeamspaceAsync();
        var (myKey, myRaw) = await Keys.CreateAsync(mine, "mine", isAdmin: true);
        var (theirKey, _) = await Keys.CreateAsync(theirs, "theirs", isAdmin: true);

        Assert.Equal([myKey.Id], (await Keys.ListAsync(mine)).Select(k => k.Id));
        Assert.Equal([theirKey.Id], (await Keys.ListAsync(theirs)).Select(k => k.Id));
        Assert.False(await Keys.RevokeAsync(theirs, myKey.Id));
        Assert.Equal(myKey, await Keys.FindActiveAsync(myRaw));
        Assert.Empty(await Keys.ListAsync(await NewTeamspaceAsync()));
    }

    [Fact]
    public async Task Keys_are_listed_newest_first()
    {
        var teamspace = await NewTeamspaceAsync();
        var made = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            made.Add((await Keys.CreateAsync(teamspace, $"key {i}", isAdmin: false)).Key.Id);
            // The last two in the same instant: the id breaks the tie.
            if (i < 2)
            {
                Time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        made.Reverse();
        Assert.Equal(made, (await Keys.ListAsync(teamspace)).Select(k => k.Id));
    }

    [Fact]
    public async Task Any_active_key_is_seen_across_teamspaces_until_the_last_is_revoked()
    {
        using var database = await Storage.CreateDatabaseAsync();
        await database.MigrateAsync();
        await new TeamspaceStore(database, Time).EnsureDefaultAsync();
        var keys = new ApiKeyStore(database, Time);
        Assert.False(await keys.AnyActiveAsync());

        var (key, _) = await keys.CreateAsync(TeamspaceStore.DefaultId, "only", isAdmin: true);
        Assert.True(await keys.AnyActiveAsync());

        await keys.RevokeAsync(TeamspaceStore.DefaultId, key.Id);
        Assert.False(await keys.AnyActiveAsync());
    }
}
