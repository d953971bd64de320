using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Parley.Storage.Paging;
using Parley.Storage.Secrets;
using Parley.Storage.Tests.Fixtures;
using Parley.Storage.Tests.Paging;

namespace Parley.Storage.Tests.Secrets;

public abstract class SecretStoreTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : SecretStoreTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : SecretStoreTests(storage), IClassFixture<PostgresStorage>;

    private readonly SecretProtector _protector = new(new EphemeralDataProtectionProvider());

    private SecretStore Store => new(Database, Time, _protector);

    [Fact]
    public async Task A_secret_is_created_found_and_deleted_only_in_its_teamspace()
    {
        var teamspace = await NewTeamspaceAsync();
        var other = await NewTeamspaceAsync();

        var created = await Store.CreateAsync(teamspace, "CRM token", "s3cr3t-value");

        Assert.NotNull(created);
        Assert.Equal(("CRM token", teamspace, Start, Start), (created.Name, created.TeamspaceId, created.CreatedAt, created.UpdatedAt));
        Assert.Equal(created, await Store.FindAsync(teamspace, created.Id));
        Assert.Null(await Store.FindAsync(other, created.Id));
        Assert.False(await Store.DeleteAsync(other, created.Id));
        Assert.Empty(await Store.ListAsync(other, PageRequest.First()));

        Assert.True(await Store.DeleteAsync(teamspace, created.Id));
        Assert.Null(await Store.FindAsync(teamspace, created.Id));
        Assert.False(await Store.DeleteAsync(teamspace, created.Id));
        Assert.Empty(await Store.ReadAsync(teamspace, ["CRM token"]));
    }

    [Fact]
    public async Task The_value_is_stored_encrypted_and_read_back_only_by_name_in_its_teamspace()
    {
        var teamspace = await NewTeamspaceAsync();
        var other = await NewTeamspaceAsync();
        var secret = (await Store.CreateAsync(teamspace, "api_key", "plain-text-api-key-123"))!;
        await Store.CreateAsync(teamspace, "second", "two");
        await Store.CreateAsync(other, "api_key", "theirs");

        var stored = Assert.Single(await QueryAsync<string>("SELECT protected_value FROM secrets WHERE id = @Id;", new { secret.Id }));
        Assert.DoesNotContain("plain-text-api-key-123", stored, StringComparison.Ordinal);

        var values = await Store.ReadAsync(teamspace, ["api_key", "second", "missing", "api_key"]);
        Assert.Equal(
            new Dictionary<string, string> { ["api_key"] = "plain-text-api-key-123", ["second"] = "two" },
            values.ToDictionary(v => v.Key, v => v.Value.Value));
        Assert.Equal("theirs", (await Store.ReadAsync(other, ["api_key"]))["api_key"].Value);
        Assert.Empty(await Store.ReadAsync(teamspace, []));
    }

    [Fact]
    public async Task The_hosts_a_secret_is_bound_to_are_kept_with_it_and_an_unbound_secret_has_none()
    {
        var teamspace = await NewTeamspaceAsync();
        var bound = (await Store.CreateAsync(teamspace, "crm", "tok-crm-value", ["crm.example.com", "api.example.com:8443"]))!;
        var unbound = (await Store.CreateAsync(teamspace, "anywhere", "v2"))!;

        Assert.Equal(["crm.example.com", "api.example.com:8443"], bound.AllowedHosts);
        Assert.Equal(bound.AllowedHosts, (await Store.FindAsync(teamspace, bound.Id))!.AllowedHosts);
        Assert.Null((await Store.FindAsync(teamspace, unbound.Id))!.AllowedHosts);
        var listed = await Store.ListAsync(teamspace, PageRequest.First());
        Assert.Null(listed[0].AllowedHosts);
        Assert.Equal(bound.AllowedHosts, listed[1].AllowedHosts);

        var values = await Store.ReadAsync(teamspace, ["crm", "anywhere"]);
        Assert.Equal("tok-crm-value", values["crm"].Value);
        Assert.Equal(["crm.example.com", "api.example.com:8443"], values["crm"].AllowedHosts);
        Assert.Null(values["anywhere"].AllowedHosts);
        Assert.DoesNotContain("tok-crm-value", values["crm"].ToString(), StringComparison.Ordinal); // never printed into a log
    }

    [Fact]
    public async Task A_name_is_taken_once_per_teamspace()
    {
        var teamspace = await NewTeamspaceAsync();
        var other = await NewTeamspaceAsync();
        Assert.NotNull(await Store.CreateAsync(teamspace, "token", "first"));

        Assert.Null(await Store.CreateAsync(teamspace, "token", "second"));
        Assert.NotNull(await Store.CreateAsync(teamspace, "Token", "other case, other name"));
        Assert.NotNull(await Store.CreateAsync(other, "token", "another teamspace"));
        Assert.Equal("first", (await Store.ReadAsync(teamspace, ["token"]))["token"].Value);
    }

    [Fact]
    public async Task Secrets_are_listed_newest_first_page_by_page()
    {
        var teamspace = await NewTeamspaceAsync();
        var made = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            made.Add((await Store.CreateAsync(teamspace, $"s{i}", "v"))!.Id);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        await Store.CreateAsync(await NewTeamspaceAsync(), "elsewhere", "v");
        var newestFirst = made.AsEnumerable().Reverse().ToList();

        Assert.Equal(newestFirst, await PageWalk.ForwardAsync(IdsOf(teamspace), limit: 2));
        Assert.Equal(newestFirst[..^1], await PageWalk.BackwardAsync(IdsOf(teamspace), limit: 2, last: made[0]));
    }

    [Fact]
    public async Task Values_protected_with_other_keys_cannot_be_read()
    {
        var teamspace = await NewTeamspaceAsync();
        await Store.CreateAsync(teamspace, "token", "value");
        var elsewhere = new SecretStore(Database, Time, new SecretProtector(new EphemeralDataProtectionProvider()));

        await Assert.ThrowsAnyAsync<CryptographicException>(() => elsewhere.ReadAsync(teamspace, ["token"]));
    }

    private Func<PageRequest, Task<IEnumerable<string>>> IdsOf(string teamspace)
        => async page => (await Store.ListAsync(teamspace, page)).Select(s => s.Id);
}
