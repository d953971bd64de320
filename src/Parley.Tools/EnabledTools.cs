using Parley.Agents.Tools;
using Parley.Storage.Agents;

namespace Parley.Tools;

/// <summary>Which catalog tools an agent has: those it names, else the catalog's defaults, less those it disables.</summary>
public static class EnabledTools
{
    /// <summary>The enabled tools, as the API shows them.</summary>
    public static IReadOnlyList<AgentToolRef> Of(AgentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var disabled = spec.DisabledTools?.Select(t => t.Name).ToHashSet() ?? [];
        var chosen = spec.Tools ?? [.. ToolCatalog.Defaults.Select(name => new AgentToolRef(name))];
        return [.. chosen.Where(t => !disabled.Contains(t.Name))];
    }

    /// <summary>The names of the enabled tools.</summary>
    public static IReadOnlySet<string> Names(AgentSpec spec) => Of(spec).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
}
