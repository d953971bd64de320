using Parley.Agents.Tools;

namespace Parley.Tools.Calls;

/// <summary>Gives <c>end_call</c> to an agent that has it enabled: the agent ends the session once its goodbye is heard.</summary>
public sealed class EndCallToolSource : IToolSource
{
    public ValueTask<ToolSet> GetToolsAsync(ToolContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(EnabledTools.Names(context.Agent).Contains(ToolNames.EndCall)
            ? ToolSet.Of(new EndCallTool(context.Events).Function)
            : ToolSet.Empty);
    }
}
