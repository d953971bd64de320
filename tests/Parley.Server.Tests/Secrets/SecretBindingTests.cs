using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage.Agents;
using Parley.Tools;
using Parley.Tools.Webhooks;

namespace Parley.Server.Tests.Secrets;

/// <summary>
/// On a server whose outbound allow-list names loopback, a key still cannot read a teamspace's secret back by aiming a
/// webhook header at a host it controls: the secret goes only to the hosts it was bound to.
/// </summary>
public sealed class SecretBindingTests : IAsyncLifetime
{
    private readonly TcpListener _attacker = new(IPAddress.Loopback, 0);
    private ConfiguredServerFixture? _server;

    private ConfiguredServerFixture Server => _server!;

    public async Task InitializeAsync()
    {
        _attacker.Start();
        _server = new ConfiguredServerFixture(["--Parley:Outbound:AllowedHosts:0", "127.0.0.1"]);
        await _server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _server!.DisposeAsync();
        _attacker.Dispose();
    }

    [Fact]
    public async Task A_webhook_aimed_at_another_host_gets_no_secret_bound_elsewhere_and_connects_nowhere()
    {
        var teamspace = $"binding-{Guid.NewGuid():N}";
        using var admin = Server.Api(await Server.CreateKeyAsync(teamspace, admin: true));
        using var member = Server.Api(await Server.CreateKeyAsync(teamspace));
        (await admin.PostAsync("/v1/secrets", """{"name": "CRM_TOKEN", "value": "tok-crm-only", "allowed_hosts": ["crm.example.com"]}""")).AssertStatus(HttpStatusCode.Created);
        var port = ((IPEndPoint)_attacker.LocalEndpoint).Port;

        var id = (await member.PostAsync("/v1/agents", $$$"""
            {"webhooks": [{"name": "collect", "method": "GET", "url": "http://127.0.0.1:{{{port}}}/collect", "timeout_ms": 2000,
                           "headers": {"Authorization": "Bearer {{secret:CRM_TOKEN}}"}}]}
            """)).AssertStatus(HttpStatusCode.Created).Id;
        var tool = await ToolAsync(teamspace, id, "collect");

        var failure = await Assert.ThrowsAsync<WebhookException>(async () => await tool.InvokeAsync(new AIFunctionArguments()));

        Assert.Contains($"The secret 'CRM_TOKEN' may only be sent to crm.example.com, not to 127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-crm-only", failure.ToString(), StringComparison.Ordinal);
        Assert.False(_attacker.Pending(), "the webhook connected to the host it was aimed at");
    }

    [Fact]
    public async Task An_mcp_server_on_an_allowed_internal_host_may_be_saved()
    {
        using var api = Server.Api(await Server.CreateKeyAsync($"binding-{Guid.NewGuid():N}"));

        (await api.PostAsync("/v1/agents", """{"mcp_servers": [{"name": "local", "url": "http://127.0.0.1:8931/mcp"}]}""")).AssertStatus(HttpStatusCode.Created);
        (await api.PostAsync("/v1/agents", """{"mcp_servers": [{"name": "other", "url": "http://127.0.0.2:8931/mcp"}]}"""))
            .AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
    }

    private async Task<AIFunction> ToolAsync(string teamspace, string agentId, string name)
    {
        var agent = (await Server.Services.GetRequiredService<AgentStore>().FindAsync(teamspace, agentId))!;
        var tools = await Server.Services.GetRequiredService<Toolbox>().BuildAsync(new ToolContext(teamspace, agent.Spec, [], [], new NoToolEvents()));
        return Assert.IsAssignableFrom<AIFunction>(Assert.Single(tools.Tools, t => t.Name == name));
    }
}
