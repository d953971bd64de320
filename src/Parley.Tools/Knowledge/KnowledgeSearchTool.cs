using System.ComponentModel;
using Microsoft.Extensions.AI;
using Parley.Agents.Tools;
using Parley.Storage.Knowledge;

namespace Parley.Tools.Knowledge;

/// <summary>One session's <c>knowledge_search</c>: searches its knowledge, cites what it returns, and returns the passages.</summary>
internal sealed class KnowledgeSearchTool
{
    /// <summary>The most passages one search returns (and cites).</summary>
    public const int MaxPassages = 4;

    // More candidates than are returned, because some fall to the relevance checks below.
    private const int Candidates = 12;

    // Words are OR-ed in the index, so a passage sharing one common word with the question still ranks; one scoring
    // far below the best is noise, not a second source.
    private const double MinShareOfBestScore = 1.0 / 3;

    private readonly KnowledgeStore _store;
    private readonly ToolContext _context;

    public KnowledgeSearchTool(KnowledgeStore store, ToolContext context)
    {
        _store = store;
        _context = context;
        Function = AIFunctionFactory.Create(SearchAsync, new AIFunctionFactoryOptions
        {
            Name = ToolNames.KnowledgeSearch,
            Description = "Searches the documents this agent was given and returns the passages that answer the query, "
                + "each with the file it comes from. Use it for any question about those documents.",
        });
    }

    /// <summary>The tool, ready for the agent's toolbox.</summary>
    public AIFunction Function { get; }

    /// <summary>Finds up to <see cref="MaxPassages"/> passages about <paramref name="query"/> and reports them as citations.</summary>
    public async Task<KnowledgeSearchResult> SearchAsync(
        [Description("What to look for: the question, or its key words.")] string query,
        CancellationToken cancellationToken = default)
    {
        var terms = QueryTerms.From(query);
        var found = await _store.SearchAsync(_context.TeamspaceId, _context.KnowledgeIds, query, Candidates, cancellationToken).ConfigureAwait(false);
        var used = Relevant(found, terms);
        if (used.Count > 0)
        {
            _context.Events.OnCitations([.. used.Select(p => KnowledgeCitations.For(p, terms))]);
        }

        return new KnowledgeSearchResult([.. used.Select(p => new KnowledgeSearchPassage(PassageExcerpt.Around(p.Text, terms), p.SourceName, p.PageNumber))]);
    }

    // Best first, as found; only passages near the best score that hold at least half the query's words.
    private static List<KnowledgePassage> Relevant(IReadOnlyList<KnowledgePassage> found, IReadOnlyList<string> terms)
    {
        if (found.Count == 0)
        {
            return [];
        }

        double floor = found[0].Score > 0 ? found[0].Score * MinShareOfBestScore : double.MinValue;
        return found
            .Where(p => p.Score >= floor)
            .Where(p => terms.Count == 0 || QueryTerms.IsRelevant(QueryTerms.Covered(p.Text, terms), terms.Count))
            .Take(MaxPassages)
            .ToList();
    }
}
