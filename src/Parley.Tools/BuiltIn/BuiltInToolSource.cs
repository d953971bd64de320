using Microsoft.Extensions.AI;
using Parley.Agents.Tools;

namespace Parley.Tools.BuiltIn;

/// <summary>The built-in tools without outside dependencies (time, calculator), as the agent enables them.</summary>
public sealed class BuiltInToolSource(TimeProvider timeProvider) : IToolSource
{
    public ValueTask<ToolSet> GetToolsAsync(ToolContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tools = new BuiltInTools(timeProvider);
        var enabled = EnabledTools.Names(context.Agent);
        return ValueTask.FromResult(new ToolSet([.. tools.All.Where(t => enabled.Contains(t.Name))], []));
    }
}
