using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Parley.Agents;
using Parley.Agents.ToolCalls;

namespace Parley.Tools.Tests.Mcp;

public sealed class McpStdioToolTests
{
    [Fact]
    public async Task ListsTheServersToolsAndAnAgentCallsOne()
    {
        using var harness = new McpHarness();
        var set = await harness.GetToolsAsync(StdioTestServer.Entry());
        await using var resources = new ToolSetResources(set.Resources);

        Assert.Equal(["lookup_order", "add_numbers", "process_id", "read_environment"], set.Tools.Select(t => t.Name));
        Assert.Single(set.Resources);

        var events = new ConcurrentQueue<ToolCallEvent>();
        var caller = new ScriptedToolCaller("lookup_order", new Dictionary<string, object?> { ["orderId"] = "A-1001" });
        using var agent = AgentChatClientFactory.Create(caller, set.Tools, onToolCall: (e, _) =>
        {
            events.Enqueue(e);
            return ValueTask.CompletedTask;
        });
        var response = await agent.GetResponseAsync([new(ChatRole.User, "where is my order A-1001?")]);

        Assert.Equal("The tool said: Order A-1001 shipped on March 3 and arrives Friday.", response.Text);
        Assert.Equal([ToolCallStatus.Started, ToolCallStatus.Completed], events.Select(e => e.Status));
        Assert.All(events, e => Assert.Equal("lookup_order", e.ToolName));
    }

    [Fact]
    public async Task InvokesAToolWithArguments()
    {
        using var harness = new McpHarness();
        var set = await harness.GetToolsAsync(StdioTestServer.Entry());
        await using var resources = new ToolSetResources(set.Resources);

        var result = await Function(set, "add_numbers").InvokeAsync(new AIFunctionArguments { ["a"] = 2, ["b"] = 3.5 });

        Assert.Equal("5.5", result?.ToString());
    }

    [Fact]
    public async Task TakesOnlyTheToolsTheEntryAllows()
    {
        using var harness = new McpHarness();
        var set = await harness.GetToolsAsync(StdioTestServer.Entry(extra: new { tools = new[] { "add_numbers", "no_such_tool" } }));
        await using var resources = new ToolSetResources(set.Resources);

        Assert.Equal(["add_numbers"], set.Tools.Select(t => t.Name));
    }

    [Fact]
    public async Task DisposingTheResourcesEndsTheChildProcess()
    {
        using var harness = new McpHarness();
        var set = await harness.GetToolsAsync(StdioTestServer.Entry());
        var resources = new ToolSetResources(set.Resources);
        var pid = int.Parse((await Function(set, "process_id").InvokeAsync(new AIFunctionArguments()))!.ToString()!, CultureInfo.InvariantCulture);
        using var child = Process.GetProcessById(pid);
        Assert.False(child.HasExited);

        await resources.DisposeAsync();

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await child.WaitForExitAsync(deadline.Token);
        Assert.True(child.HasExited);
    }

    [Fact]
    public async Task TheChildGetsItsOwnVariablesAndThoseForwardedButNotParleys()
    {
        Environment.SetEnvironmentVariable("PARLEY_MCP_TEST_SECRET", "do-not-leak");
        Environment.SetEnvironmentVariable("PARLEY_MCP_TEST_FORWARDED", "forwarded");
        using var harness = new McpHarness(new Dictionary<string, string?>
        {
            ["Parley:Tools:Mcp:AllowedCommands:0"] = "dotnet",
            ["Parley:Tools:Mcp:ForwardedEnvironment:0"] = "PARLEY_MCP_TEST_FORWARDED",
        });
        var set = await harness.GetToolsAsync(StdioTestServer.Entry(extra: new { env = new Dictionary<string, string> { ["GREETING"] = "hello" } }));
        await using var resources = new ToolSetResources(set.Resources);
        var read = Function(set, "read_environment");

        Assert.Equal("hello", (await read.InvokeAsync(new AIFunctionArguments { ["name"] = "GREETING" }))?.ToString());
        Assert.Equal("forwarded", (await read.InvokeAsync(new AIFunctionArguments { ["name"] = "PARLEY_MCP_TEST_FORWARDED" }))?.ToString());
        Assert.Equal("(unset)", (await read.InvokeAsync(new AIFunctionArguments { ["name"] = "PARLEY_MCP_TEST_SECRET" }))?.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/usr/bin/dotnet")]
    public async Task RefusesACommandThatIsNotAllowListed(string? allowed)
    {
        using var harness = new McpHarness(new Dictionary<string, string?> { ["Parley:Tools:Mcp:AllowedCommands:0"] = allowed });

        var set = await harness.GetToolsAsync(StdioTestServer.Entry());

        Assert.Empty(set.Tools);
        Assert.Empty(set.Resources);
        Assert.True(harness.Logs.Contains(LogLevel.Warning, "its command dotnet is not in Parley:Tools:Mcp:AllowedCommands"));
    }

    private static AIFunction Function(ToolSet set, string name) => set.Tools.OfType<AIFunction>().Single(t => t.Name == name);
}
