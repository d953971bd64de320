using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Parley.Tools.Tests.Mcp;

public sealed class McpFailureTests(HttpTestServer server) : IClassFixture<HttpTestServer>
{
    [Fact]
    public async Task AServerThatRefusesConnectionsGivesNoToolsAndTheOthersStillDo()
    {
        using var harness = new McpHarness();
        var closedPort = ClosedPort();

        var set = await harness.GetToolsAsync(Http("down", $"http://127.0.0.1:{closedPort}/mcp"), server.Entry());
        await using var resources = new ToolSetResources(set.Resources);

        Assert.Equal(["get_weather"], set.Tools.Select(t => t.Name));
        Assert.Single(set.Resources);
        Assert.True(harness.Logs.Contains(LogLevel.Warning, "MCP server down could not be reached"));
    }

    [Fact]
    public async Task AServerThatNeverAnswersTimesOut()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var harness = new McpHarness(McpHarness.WithLoopback(("Parley:Tools:Mcp:ConnectTimeout", "00:00:00.500")));
        var clock = Stopwatch.StartNew();

        var set = await harness.GetToolsAsync(Http("silent", $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/mcp"));

        Assert.Empty(set.Tools);
        Assert.Empty(set.Resources);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Took {clock.Elapsed}.");
        Assert.True(harness.Logs.Contains(LogLevel.Warning, "MCP server silent did not connect and list its tools within 00:00:00.5000000"));
    }

    [Fact]
    public async Task AStdioServerThatExitsGivesNoTools()
    {
        using var harness = new McpHarness();
        var entry = JsonSerializer.SerializeToElement(new { name = "broken", command = "dotnet", args = new[] { "/nonexistent/Server.dll" } });

        var set = await harness.GetToolsAsync(entry);

        Assert.Empty(set.Tools);
        Assert.Empty(set.Resources);
        Assert.True(harness.Logs.Contains(LogLevel.Warning, "MCP server broken"));
    }

    [Fact]
    public async Task EntriesThatNameNoReachableServerAreIgnoredWithALogLine()
    {
        using var harness = new McpHarness();
        var datagrid = JsonSerializer.SerializeToElement(new { server_id = "srv_123", credential_id = "cred_9" });
        var both = JsonSerializer.SerializeToElement(new { url = "http://127.0.0.1/mcp", command = "dotnet" });
        var ftp = JsonSerializer.SerializeToElement(new { url = "ftp://127.0.0.1/mcp" });
        var text = JsonSerializer.SerializeToElement("just a string");

        var set = await harness.GetToolsAsync(datagrid, both, ftp, text);

        Assert.Empty(set.Tools);
        Assert.True(harness.Logs.Contains(LogLevel.Information, "entry 0 of the agent is ignored: it has no url or command"));
        Assert.True(harness.Logs.Contains(LogLevel.Information, "entry 1 of the agent is ignored: it has both a url and a command"));
        Assert.True(harness.Logs.Contains(LogLevel.Information, "entry 2 of the agent is ignored: its url is not an absolute http or https URL"));
        Assert.True(harness.Logs.Contains(LogLevel.Information, "entry 3 of the agent is ignored: it is not a JSON object"));
    }

    [Fact]
    public async Task AnAgentWithoutMcpServersGetsNoToolsWithoutConnecting()
    {
        using var harness = new McpHarness();

        var set = await harness.GetToolsAsync();

        Assert.Same(ToolSet.Empty, set);
    }

    [Fact]
    public async Task TheSessionGivingUpWhileConnectingCancels()
    {
        using var harness = new McpHarness();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.GetToolsAsync(cancelled.Token, server.Entry()).AsTask());
    }

    private static JsonElement Http(string name, string url) => JsonSerializer.SerializeToElement(new { name, url });

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
