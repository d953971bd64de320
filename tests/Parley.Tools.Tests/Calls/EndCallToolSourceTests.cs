using Microsoft.Extensions.AI;
using Parley.Agents.Tools;
using Parley.Storage.Agents;
using Parley.Tools.Calls;
using Parley.Tools.Tests.Knowledge;

namespace Parley.Tools.Tests.Calls;

public sealed class EndCallToolSourceTests
{
    private readonly RecordingToolEvents _events = new();

    [Fact]
    public async Task Is_given_by_default_and_not_when_disabled()
    {
        var source = new EndCallToolSource();

        Assert.Equal(ToolNames.EndCall, Assert.Single((await source.GetToolsAsync(Context(new AgentSpec()))).Tools).Name);
        Assert.Empty((await source.GetToolsAsync(Context(new AgentSpec { DisabledTools = [new(ToolNames.EndCall)] }))).Tools);
        Assert.Empty((await source.GetToolsAsync(Context(new AgentSpec { Tools = [new("calculator")] }))).Tools);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("The caller said goodbye.")]
    public async Task Asks_the_session_to_end_and_acknowledges(string? reason)
    {
        var tool = (AIFunction)Assert.Single((await new EndCallToolSource().GetToolsAsync(Context(new AgentSpec()))).Tools);
        var arguments = new AIFunctionArguments();
        if (reason is not null)
        {
            arguments["reason"] = reason;
        }

        var result = await tool.InvokeAsync(arguments);

        Assert.Equal(1, _events.EndCallRequests);
        Assert.Contains("goodbye", result?.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_events.Citations);
    }

    private ToolContext Context(AgentSpec agent) => new("t", agent, [], [], _events);
}
