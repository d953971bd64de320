namespace Parley.Agents.Tools;

/// <summary>What <c>knowledge_search</c> returns: the passages that answer the query, best first; empty when none do.</summary>
public sealed record KnowledgeSearchResult(IReadOnlyList<KnowledgeSearchPassage> Passages);
