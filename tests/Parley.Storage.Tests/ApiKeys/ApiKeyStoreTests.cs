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
        Assert.Equal(raw[..ApiKeyHasher.MaxDisplayChars], key.Prefix);
        Assert.Equal(teamspace, key.TeamspaceId);
        Assert.Equal("ci", key.Name);
        Assert.True(key.IsAdmin);
        Assert.Equal(Start, key.CreatedAt);
        Assert.Null(key.RevokedAt);

        var row = Assert.Single(await QueryAsync<(string Id, string Teamspace, string Name, string Prefix, string Hash)>(
            "SELECT id, teamspace_id, name, prefix, key_hash FROM api_keys WHERE id = @Id;", new { key.Id }));
        Assert.Equal(ApiKeyHasher.Hash(raw), row.Hash);
        Assert.DoesNotContain(new[] { row.Id, row.Teamspace, row.Name, row.Prefix, row.Hash }, value => value.Contains(raw[ApiKeyHasher.MaxDisplayChars..], StringComparison.Ordinal));

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

    [Theory]
    [InlineData("pk_0123456789abcdef0123456789abcdef", "pk_01234")]
    [InlineData("0123456789abcdef", "0123")]
    [InlineData("abc", "")]
    public void A_key_shows_at_most_eight_characters_and_never_more_than_a_quarter_of_itself(string key, string shown)
        => Assert.Equal(shown, ApiKeyHasher.DisplayPrefix(key));

    [Fact]
    public async Task A_new_bootstrap_key_is_an_operator_and_revokes_the_bootstrap_key_it_replaces_but_no_other_key()
    {
        using var database = await Storage.CreateDatabaseAsync();
        await database.MigrateAsync();
        await new TeamspaceStore(database, Time).EnsureDefaultAsync();
        var keys = new ApiKeyStore(database, Time);
        var (admin, adminRaw) = await keys.CreateAsync(TeamspaceStore.DefaultId, "admin", isAdmin: true);
        var (operatorKey, operatorRaw) = await keys.CreateAsync(TeamspaceStore.DefaultId, "second operator", isAdmin: false, isOperator: true);
        Assert.True(operatorKey.IsOperator && operatorKey.IsAdmin && !operatorKey.IsBootstrap);
        var (first, second) = (ApiKeyHasher.NewKey(), ApiKeyHasher.NewKey());

        var (bootstrap, revoked) = await keys.EnsureBootstrapAsync(first, TeamspaceStore.DefaultId, "bootstrap");
        Assert.Equal(0, revoked);
        Assert.True(bootstrap.IsOperator && bootstrap.IsAdmin && bootstrap.IsBootstrap);
        Assert.Equal((bootstrap, 0), await keys.EnsureBootstrapAsync(first, TeamspaceStore.DefaultId, "bootstrap"));

        Time.Advance(TimeSpan.FromMinutes(1));
        (_, revoked) = await keys.EnsureBootstrapAsync(second, TeamspaceStore.DefaultId, "bootstrap");
        Assert.Equal(1, revoked);
        Assert.Null(await keys.FindActiveAsync(first));
        Assert.NotNull(await keys.FindActiveAsync(second));
        Assert.Equal(admin, await keys.FindActiveAsync(adminRaw));
        Assert.Equal(operatorKey, await keys.FindActiveAsync(operatorRaw));

        // Going back to the first key brings it back and retires the second.
        (_, revoked) = await keys.EnsureBootstrapAsync(first, TeamspaceStore.DefaultId, "bootstrap");
        Assert.Equal(1, revoked);
        Assert.Equal(bootstrap.Id, (await keys.FindActiveAsync(first))?.Id);
        Assert.Null(await keys.FindActiveAsync(second));
    }

    [Fact]
    public async Task The_live_ids_among_several_are_found_at_once()
    {
        var teamspace = await NewTeamspaceAsync();
        var (live, _) = await Keys.CreateAsync(teamspace, "live", isAdmin: false);
        var (gone, _) = await Keys.CreateAsync(teamspace, "gone", isAdmin: false);
        await Keys.RevokeAsync(teamspace, gone.Id);

        Assert.Equal([live.Id], await Keys.FindActiveIdsAsync([live.Id, gone.Id, Ids.New(), live.Id]));
        Assert.Empty(await Keys.FindActiveIdsAsync([]));
        Assert.Equal(live, await Keys.FindAsync(teamspace, live.Id));
        Assert.Null(await Keys.FindAsync(await NewTeamspaceAsync(), live.Id));
    }
}
