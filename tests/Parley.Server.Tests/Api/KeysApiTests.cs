using System.Net;
using Parley.Server.Keys;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

[Collection(ServerCollection.Name)]
public sealed class KeysApiTests(ServerFixture server)
{
    [Fact]
    public async Task An_admin_makes_a_key_for_a_new_teamspace_that_sees_only_its_own_data_and_can_revoke_it()
    {
        using var admin = server.Api();
        var teamspace = $"tenant-{Guid.NewGuid():N}";
        var created = (await admin.PostAsync("/v1/keys", $$"""{"name": "tenant app", "teamspace_id": "{{teamspace}}"}""")).AssertStatus(HttpStatusCode.Created);
        var raw = created.String("key");
        Assert.StartsWith(created.String("prefix"), raw, StringComparison.Ordinal);

        using var tenant = server.Api(raw);
        var agents = await tenant.ListAllAsync("/v1/agents", 10);
        Assert.Single(agents); // its own default agent only
        (await tenant.GetAsync("/v1/keys")).AssertError(HttpStatusCode.Forbidden, "forbidden");

        var listed = (await admin.GetAsync($"/v1/keys?teamspace_id={teamspace}")).AssertStatus(HttpStatusCode.OK).Body.GetProperty("data");
        var entry = Assert.Single(listed.EnumerateArray());
        Assert.False(entry.TryGetProperty("key", out _)); // never shown again

        (await admin.DeleteAsync($"/v1/keys/{created.Id}?teamspace_id={teamspace}")).AssertStatus(HttpStatusCode.NoContent);
        (await tenant.GetAsync("/v1/agents")).AssertError(HttpStatusCode.Unauthorized, "unauthorized");
        (await admin.DeleteAsync($"/v1/keys/{created.Id}?teamspace_id={teamspace}")).AssertError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Keys_are_managed_from_the_command_line_on_the_servers_database()
    {
        var teamspace = $"cli-{Guid.NewGuid():N}";
        var output = new StringWriter();
        Assert.Equal(0, await KeysCommand.RunAsync(server.Services, ["create", "--name", "ops", "--teamspace", teamspace], output));
        var raw = output.ToString().Split("Key (shown once): ")[1].Trim();
        using (var api = server.Api(raw))
        {
            (await api.GetAsync("/v1/agents")).AssertStatus(HttpStatusCode.OK);
        }

        output = new StringWriter();
        Assert.Equal(0, await KeysCommand.RunAsync(server.Services, ["list", "--teamspace", teamspace], output));
        var id = output.ToString().Split(' ')[0];
        Assert.DoesNotContain(raw, output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await KeysCommand.RunAsync(server.Services, ["revoke", id, "--teamspace", teamspace], new StringWriter()));
        Assert.Equal(1, await KeysCommand.RunAsync(server.Services, ["revoke", id, "--teamspace", teamspace], new StringWriter()));
        Assert.Equal(2, await KeysCommand.RunAsync(server.Services, ["frobnicate"], new StringWriter()));
        using var revoked = server.Api(raw);
        (await revoked.GetAsync("/v1/agents")).AssertError(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
