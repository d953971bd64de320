using Parley.Agents.Tools;
using Parley.Storage.Agents;

namespace Parley.Server.Agents;

/// <summary>Which tools an agent has: those it names, else the catalog's defaults, less those it disables.</summary>
internal static class AgentTools
{
    public static IReadOnlyList<AgentToolRef> Enabled(AgentSpec spec)
    {
        var disabled = spec.DisabledTools?.Select(t => t.Name).ToHashSet() ?? [];
        var chosen = spec.Tools ?? [.. ToolCatalog.Defaults.Select(name => new AgentToolRef(name))];
        return [.. chosen.Where(t => !disabled.Contains(t.Name))];
    }
}
