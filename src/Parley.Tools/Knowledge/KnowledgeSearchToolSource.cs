using Parley.Agents.Tools;
using Parley.Storage.Knowledge;

namespace Parley.Tools.Knowledge;

/// <summary>
/// Gives <c>knowledge_search</c> to an agent that has it enabled and has knowledge to search: its own and the
/// session's <c>knowledge_ids</c>. Never the whole teamspace: an agent only knows what it was given.
/// </summary>
public sealed class KnowledgeSearchToolSource(KnowledgeStore store) : IToolSource
{
    public ValueTask<ToolSet> GetToolsAsync(ToolContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.KnowledgeIds.Count == 0 || !EnabledTools.Names(context.Agent).Contains(ToolNames.KnowledgeSearch))
        {
            return ValueTask.FromResult(ToolSet.Empty);
        }

        return ValueTask.FromResult(ToolSet.Of(new KnowledgeSearchTool(store, context).Function));
    }
}
