using Microsoft.Extensions.AI;

namespace Parley.Tools.Tests.Mcp;

public sealed class McpHttpToolTests(HttpTestServer server) : IClassFixture<HttpTestServer>
{
    [Fact]
    public async Task ListsAndInvokesTheServersToolsSendingTheEntrysHeaders()
    {
        using var harness = new McpHarness();
        var set = await harness.GetToolsAsync(server.Entry(headers: new { Authorization = "Bearer weather-key" }));
        await using var resources = new ToolSetResources(set.Resources);

        var tool = Assert.IsAssignableFrom<AIFunction>(Assert.Single(set.Tools));
        Assert.Equal("get_weather", tool.Name);
        Assert.Equal("Tells the weather in a city.", tool.Description);
        var result = await tool.InvokeAsync(new AIFunctionArguments { ["city"] = "Lisbon" });

        Assert.Equal("It is sunny in Lisbon, 21 degrees.", result?.ToString());
        Assert.Contains("Bearer weather-key", server.AuthorizationHeaders);
    }

    [Fact]
    public async Task FallsBackToSseWhenTheUrlDoesNotSpeakStreamableHttp()
    {
        using var harness = new McpHarness();
        var set = await harness.GetToolsAsync(server.Entry(url: server.SseEndpoint));
        await using var resources = new ToolSetResources(set.Resources);

        var tool = Assert.IsAssignableFrom<AIFunction>(Assert.Single(set.Tools));
        Assert.Equal("It is sunny in Oslo, 21 degrees.", (await tool.InvokeAsync(new AIFunctionArguments { ["city"] = "Oslo" }))?.ToString());
    }

    [Fact]
    public async Task PrefixesToolNamesThatTwoServersShare()
    {
        using var harness = new McpHarness();
        var set = await harness.GetToolsAsync(server.Entry("east"), server.Entry("west"), StdioTestServer.Entry());
        await using var resources = new ToolSetResources(set.Resources);

        Assert.Equal(
            ["east__get_weather", "west__get_weather", "lookup_order", "add_numbers", "process_id", "read_environment"],
            set.Tools.Select(t => t.Name));
        Assert.Equal(3, set.Resources.Count);

        // The server is still called by the tool's own name.
        var west = set.Tools.OfType<AIFunction>().Single(t => t.Name == "west__get_weather");
        Assert.Equal("It is sunny in Rome, 21 degrees.", (await west.InvokeAsync(new AIFunctionArguments { ["city"] = "Rome" }))?.ToString());
    }

    [Fact]
    public async Task ServersOfTheSameNameGetDistinctPrefixes()
    {
        using var harness = new McpHarness();
        var set = await harness.GetToolsAsync(server.Entry("weather"), server.Entry("weather"));
        await using var resources = new ToolSetResources(set.Resources);

        Assert.Equal(["weather__get_weather", "weather_2__get_weather"], set.Tools.Select(t => t.Name));
    }

    [Fact]
    public async Task ToolsKeepWorkingAfterTheConnectTimeoutHasPassed()
    {
        // Long enough to connect on a loaded CI machine (300 ms was not: the server was skipped, no tools), short enough
        // to wait out: what is checked is that the timeout, once passed, does not cancel the connected session.
        var connectTimeout = TimeSpan.FromSeconds(2);
        using var harness = new McpHarness(McpHarness.WithLoopback(("Parley:Tools:Mcp:ConnectTimeout", connectTimeout.ToString())));
        var set = await harness.GetToolsAsync(server.Entry());
        await using var resources = new ToolSetResources(set.Resources);
        Assert.True(set.Tools.Count == 1, $"the server did not connect within {connectTimeout.TotalSeconds} s");

        await Task.Delay(connectTimeout * 1.5);

        var tool = Assert.IsAssignableFrom<AIFunction>(Assert.Single(set.Tools));
        Assert.Equal("It is sunny in Porto, 21 degrees.", (await tool.InvokeAsync(new AIFunctionArguments { ["city"] = "Porto" }))?.ToString());
    }
}
