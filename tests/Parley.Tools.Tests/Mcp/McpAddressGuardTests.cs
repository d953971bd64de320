using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Parley.Tools.Tests.Mcp;

/// <summary>MCP servers over HTTP go through the same outbound guard as webhooks: checked on the address connected, no redirects, their own origin only.</summary>
public sealed class McpAddressGuardTests(HttpTestServer server) : IClassFixture<HttpTestServer>
{
    [Fact]
    public async Task A_server_on_loopback_is_refused_unless_the_allow_list_names_it()
    {
        using (var closed = new McpHarness(McpHarness.With()))
        {
            var before = server.Requests.Count;
            var refused = await closed.GetToolsAsync(server.Entry("local"));

            Assert.Empty(refused.Tools);
            Assert.Empty(refused.Resources);
            Assert.True(closed.Logs.Contains(LogLevel.Warning, "MCP server local refused: The host '127.0.0.1' resolves to 127.0.0.1, a loopback (127.0.0.0/8) address"));
            Assert.Equal(before, server.Requests.Count);
        }

        using (var otherPort = new McpHarness(McpHarness.With($"127.0.0.1:{server.Port + 1}")))
        {
            Assert.Empty((await otherPort.GetToolsAsync(server.Entry())).Tools);
            Assert.True(otherPort.Logs.Contains(LogLevel.Warning, "loopback"));
        }

        using var open = new McpHarness(McpHarness.With($"127.0.0.1:{server.Port}"));
        var set = await open.GetToolsAsync(server.Entry());
        await using var resources = new ToolSetResources(set.Resources);
        var tool = Assert.IsAssignableFrom<AIFunction>(Assert.Single(set.Tools));
        Assert.Equal("It is sunny in Faro, 21 degrees.", (await tool.InvokeAsync(new AIFunctionArguments { ["city"] = "Faro" }))?.ToString());
    }

    [Fact]
    public async Task A_name_that_resolves_to_an_internal_address_is_refused_and_reached_only_once_allowed_by_name()
    {
        static Task<IPAddress[]> Dns(string host, CancellationToken cancellationToken) => host == "mcp.example"
            ? Task.FromResult(new[] { IPAddress.Parse("93.184.216.34"), IPAddress.Loopback })
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
        var entry = server.Entry("rebound", new Uri($"http://mcp.example:{server.Port}/mcp"));

        using (var closed = new McpHarness(McpHarness.With("127.0.0.1"), Dns))
        {
            Assert.Empty((await closed.GetToolsAsync(entry)).Tools);
            Assert.True(closed.Logs.Contains(LogLevel.Warning, "MCP server rebound refused: The host 'mcp.example' resolves to 127.0.0.1, a loopback"));
        }

        // Allowed by name, it is reached at the address the guard resolved (the public one does not answer here).
        using var open = new McpHarness(McpHarness.With("mcp.example"), (host, token) => host == "mcp.example"
            ? Task.FromResult(new[] { IPAddress.Loopback })
            : Dns(host, token));
        var set = await open.GetToolsAsync(entry);
        await using var resources = new ToolSetResources(set.Resources);
        Assert.Equal(["get_weather"], set.Tools.Select(t => t.Name));
        Assert.Contains(server.Requests, r => r.Host == $"mcp.example:{server.Port}");
    }

    [Theory]
    [InlineData("localhost")] // loopback under a name the allow-list does not hold
    [InlineData("127.0.0.1")] // the allowed host itself: not followed either, the headers would go along
    public async Task A_redirect_from_an_allowed_host_is_not_followed(string targetHost)
    {
        using var harness = new McpHarness(McpHarness.With($"127.0.0.1:{server.Port}"));
        var target = $"http://{targetHost}:{server.Port}/mcp";
        var before = server.Received("/mcp").Count;

        var set = await harness.GetToolsAsync(server.Entry("redirected", new Uri(server.Endpoint, $"/redirect?to={Uri.EscapeDataString(target)}")));

        Assert.Empty(set.Tools);
        Assert.Empty(set.Resources);
        Assert.NotEmpty(server.Received("/redirect"));
        Assert.Equal(before, server.Received("/mcp").Count);
    }

    [Fact]
    public async Task A_legacy_server_naming_another_origin_for_its_messages_is_refused_before_anything_is_posted_there()
    {
        // Both origins are allowed by name: only the origin rule stands between the headers and the other host.
        using var harness = new McpHarness(McpHarness.With("127.0.0.1", "localhost"));
        await harness.CreateSecretAsync("sse token", "tok-stays-home", ["127.0.0.1", "localhost"]);
        var elsewhere = $"http://localhost:{server.Port}/mcp/message?sessionId=stolen";
        var entry = server.Entry(
            "wanderer", new Uri(server.Endpoint, $"/elsewhere/sse?to={Uri.EscapeDataString(elsewhere)}"), new { Authorization = "Bearer {{secret:sse token}}" });

        var set = await harness.GetToolsAsync(entry);

        Assert.Empty(set.Tools);
        Assert.True(harness.Logs.Contains(LogLevel.Warning, $"MCP server wanderer refused: The MCP server at http://127.0.0.1:{server.Port} asked for a request to http://localhost:{server.Port}, another origin"));
        Assert.Empty(server.Received("/mcp/message"));
        Assert.Contains(server.Received("/elsewhere/sse"), r => r.Authorization == "Bearer tok-stays-home");
    }
}
