using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Parley.Tools.Tests.Mcp;

/// <summary>Headers of MCP servers refer to the teamspace's secrets as webhook headers do, and each secret goes only to the hosts it is bound to.</summary>
public sealed class McpSecretHeaderTests(HttpTestServer server) : IClassFixture<HttpTestServer>
{
    [Theory]
    [InlineData(null)]
    [InlineData("127.0.0.1")]
    public async Task A_secret_in_a_header_is_filled_in_when_bound_to_the_servers_host_or_unbound(string? boundTo)
    {
        using var harness = new McpHarness();
        await harness.CreateSecretAsync("weather key", "tok-weather-123", boundTo is null ? null : [boundTo]);

        var set = await harness.GetToolsAsync(server.Entry(headers: new { Authorization = "Bearer {{secret:weather key}}" }));
        await using var resources = new ToolSetResources(set.Resources);
        var tool = Assert.IsAssignableFrom<AIFunction>(Assert.Single(set.Tools));
        await tool.InvokeAsync(new AIFunctionArguments { ["city"] = "Braga" });

        Assert.All(server.Received("/mcp"), r => Assert.Equal("Bearer tok-weather-123", r.Authorization));
    }

    [Fact]
    public async Task A_secret_bound_to_another_host_is_never_sent_and_the_refusal_names_it_without_its_value()
    {
        using var harness = new McpHarness();
        await harness.CreateSecretAsync("crm key", "tok-for-the-crm-only", ["crm.example.com"]);
        var before = server.Requests.Count;

        var set = await harness.GetToolsAsync(server.Entry("collector", headers: new { Authorization = "Bearer {{secret:crm key}}" }));

        Assert.Empty(set.Tools);
        Assert.Equal(before, server.Requests.Count);
        Assert.True(harness.Logs.Contains(
            LogLevel.Warning, $"MCP server collector refused: The secret 'crm key' may only be sent to crm.example.com, not to 127.0.0.1:{server.Port}"));
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Message.Contains("tok-for-the-crm-only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_header_naming_a_secret_the_teamspace_lacks_connects_nothing()
    {
        using var harness = new McpHarness();
        var before = server.Requests.Count;

        var set = await harness.GetToolsAsync(server.Entry("lacking", headers: new { Authorization = "Bearer {{secret:missing}}" }));

        Assert.Empty(set.Tools);
        Assert.Equal(before, server.Requests.Count);
        Assert.True(harness.Logs.Contains(LogLevel.Warning, "MCP server lacking could not be reached"));
    }
}
