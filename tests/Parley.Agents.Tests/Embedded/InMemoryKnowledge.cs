using System.ComponentModel;
using Microsoft.Extensions.AI;
using Parley.Agents.Tools;

namespace Parley.Agents.Tests.Embedded;

/// <summary>
/// A real <c>knowledge_search</c> <see cref="AIFunction"/> over passages held in memory, ranked by how many query
/// words they hold, so the embedded agent is tested through the same function-call path as in a session.
/// </summary>
internal sealed class InMemoryKnowledge
{
    private readonly (string Source, string Text)[] _passages;

    public InMemoryKnowledge(params (string Source, string Text)[] passages)
    {
        _passages = passages;
        Function = AIFunctionFactory.Create(Search, new AIFunctionFactoryOptions { Name = ToolNames.KnowledgeSearch });
    }

    /// <summary>The queries the agent searched for, in order.</summary>
    public List<string> Queries { get; } = [];

    public AIFunction Function { get; }

    public KnowledgeSearchResult Search([Description("What to look for.")] string query)
    {
        Queries.Add(query);
        var terms = QueryTerms.From(query);
        var found = _passages
            .Select(p => (Passage: p, Covered: QueryTerms.Covered(p.Text, terms)))
            .Where(p => QueryTerms.IsRelevant(p.Covered, terms.Count))
            .OrderByDescending(p => p.Covered)
            .Select(p => new KnowledgeSearchPassage(PassageExcerpt.Around(p.Passage.Text, terms), p.Passage.Source))
            .ToList();
        return new KnowledgeSearchResult(found);
    }
}
