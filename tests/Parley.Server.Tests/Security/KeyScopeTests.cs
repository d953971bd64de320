using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage.ApiKeys;
using Parley.Storage.Database;
using Parley.Storage.Teamspaces;

namespace Parley.Server.Tests.Security;

/// <summary>Admin keys manage their own teamspace's keys only; the operator (the bootstrap key) any teamspace's (issue 12, item 4).</summary>
[Collection(ServerCollection.Name)]
public sealed class KeyScopeTests(ServerFixture server)
{
    [Fact]
    public async Task An_admin_manages_the_keys_of_its_own_teamspace_and_is_refused_every_other_way_in()
    {
        var mine = $"scope-mine-{Guid.NewGuid():N}";
        var theirs = $"scope-theirs-{Guid.NewGuid():N}";
        var admin = await KeyHandle.CreateAsync(server, mine, admin: true);
        var theirKey = await KeyHandle.CreateAsync(server, theirs, admin: true);
        using var api = server.Api(admin.Raw);

        var created = (await api.PostAsync("/v1/keys", """{"name": "second admin", "is_admin": true}""")).AssertStatus(HttpStatusCode.Created);
        Assert.Equal(mine, created.String("teamspace_id"));
        Assert.True(created.Body.GetProperty("is_admin").GetBoolean());
        Assert.False(created.Body.GetProperty("is_operator").GetBoolean());
        (await api.PostAsync("/v1/keys", $$"""{"name": "named own", "teamspace_id": "{{mine}}"}""")).AssertStatus(HttpStatusCode.Created);
        var listed = (await api.GetAsync("/v1/keys")).AssertStatus(HttpStatusCode.OK).Body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(3, listed.Count);
        Assert.All(listed, k => Assert.Equal(mine, k.GetProperty("teamspace_id").GetString()));
        (await api.DeleteAsync($"/v1/keys/{created.Id}")).AssertStatus(HttpStatusCode.NoContent);

        var brandNew = $"scope-new-{Guid.NewGuid():N}";
        (await api.PostAsync("/v1/keys", $$"""{"name": "into theirs", "teamspace_id": "{{theirs}}"}""")).AssertError(HttpStatusCode.Forbidden, "forbidden");
        (await api.PostAsync("/v1/keys", $$"""{"name": "new teamspace", "teamspace_id": "{{brandNew}}", "is_admin": true}""")).AssertError(HttpStatusCode.Forbidden, "forbidden");
        (await api.GetAsync($"/v1/keys?teamspace_id={theirs}")).AssertError(HttpStatusCode.Forbidden, "forbidden");
        (await api.DeleteAsync($"/v1/keys/{theirKey.Id}?teamspace_id={theirs}")).AssertError(HttpStatusCode.Forbidden, "forbidden");
        (await api.DeleteAsync($"/v1/keys/{theirKey.Id}")).AssertError(HttpStatusCode.NotFound, "not_found");

        using (var them = server.Api(theirKey.Raw))
        {
            (await them.GetAsync("/v1/agents")).AssertStatus(HttpStatusCode.OK);
        }

        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM teamspaces WHERE id = @Id;", new { Id = brandNew }));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM api_keys WHERE teamspace_id = @Id AND name = 'into theirs';", new { Id = theirs }));
    }

    [Fact]
    public async Task Only_the_operator_names_other_teamspaces_or_revokes_an_operator_key_and_keys_show_a_short_prefix_only()
    {
        using var operatorApi = server.Api();
        var elsewhere = $"scope-op-{Guid.NewGuid():N}";
        var made = (await operatorApi.PostAsync("/v1/keys", $$"""{"name": "tenant", "teamspace_id": "{{elsewhere}}", "is_admin": true}""")).AssertStatus(HttpStatusCode.Created);
        (await operatorApi.GetAsync($"/v1/keys?teamspace_id={elsewhere}")).AssertStatus(HttpStatusCode.OK);
        (await operatorApi.DeleteAsync($"/v1/keys/{made.Id}?teamspace_id={elsewhere}")).AssertStatus(HttpStatusCode.NoContent);

        // An admin of the operator's own teamspace sees the operator key, by its prefix only, and may not revoke it.
        var localAdmin = await KeyHandle.CreateAsync(server, TeamspaceStore.DefaultId, admin: true);
        using var api = server.Api(localAdmin.Raw);
        var keys = (await api.GetAsync("/v1/keys")).AssertStatus(HttpStatusCode.OK).Body.GetProperty("data").EnumerateArray().ToList();
        var bootstrap = Assert.Single(keys, k => k.GetProperty("name").GetString() == "bootstrap (PARLEY_API_KEY)");
        Assert.True(bootstrap.GetProperty("is_operator").GetBoolean());
        var prefix = bootstrap.GetProperty("prefix").GetString()!;
        Assert.StartsWith(prefix, ServerFixture.ApiKey, StringComparison.Ordinal);
        Assert.InRange(prefix.Length, 1, ApiKeyHasher.MaxDisplayChars);
        Assert.All(keys, k => Assert.True(k.GetProperty("prefix").GetString()!.Length <= ApiKeyHasher.MaxDisplayChars));
        (await api.DeleteAsync($"/v1/keys/{bootstrap.GetProperty("id").GetString()}")).AssertError(HttpStatusCode.Forbidden, "forbidden");
        (await operatorApi.GetAsync("/v1/agents")).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("/v1/keys", $$"""{"name": "x", "teamspace_id": "{{elsewhere}}"}""")).AssertError(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_keys_command_makes_operator_keys_that_manage_any_teamspace()
    {
        var output = new StringWriter();
        Assert.Equal(0, await Parley.Server.Keys.KeysCommand.RunAsync(server.Services, ["create", "--name", "second operator", "--operator"], output));
        Assert.Contains("(operator)", output.ToString(), StringComparison.Ordinal);
        var raw = output.ToString().Split("Key (shown once): ")[1].Trim();

        using var api = server.Api(raw);
        var elsewhere = $"scope-cli-{Guid.NewGuid():N}";
        (await api.PostAsync("/v1/keys", $$"""{"name": "tenant", "teamspace_id": "{{elsewhere}}"}""")).AssertStatus(HttpStatusCode.Created);
        (await api.GetAsync($"/v1/keys?teamspace_id={elsewhere}")).AssertStatus(HttpStatusCode.OK);

        output = new StringWriter();
        Assert.Equal(0, await Parley.Server.Keys.KeysCommand.RunAsync(server.Services, ["list"], output));
        Assert.Contains("second operator  operator  active", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(raw[ApiKeyHasher.MaxDisplayChars..], output.ToString(), StringComparison.Ordinal);
    }

    private async Task<long> CountAsync(string sql, object parameters)
    {
        await using var connection = await server.Services.GetRequiredService<ParleyDatabase>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }
}
