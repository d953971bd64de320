using Microsoft.Extensions.AI;

namespace Parley.Tools;

/// <summary>Gathers a session's tools from every <see cref="IToolSource"/>; the first tool of a name wins.</summary>
public sealed class Toolbox(IEnumerable<IToolSource> sources)
{
    /// <summary>The session's tools, and the resources to release when it ends.</summary>
    public async ValueTask<ToolSet> BuildAsync(ToolContext context, CancellationToken cancellationToken = default)
    {
        var tools = new List<AITool>();
        var resources = new List<IAsyncDisposable>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var set = await source.GetToolsAsync(context, cancellationToken).ConfigureAwait(false);
            resources.AddRange(set.Resources);
            tools.AddRange(set.Tools.Where(t => names.Add(t.Name)));
        }

        return new ToolSet(tools, resources);
    }
}
