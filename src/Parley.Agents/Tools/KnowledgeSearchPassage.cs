namespace Parley.Agents.Tools;

/// <summary>One passage <c>knowledge_search</c> found: the relevant sentences and the file they come from.</summary>
/// <param name="Text">The sentences of the passage that match the query, with a little context.</param>
/// <param name="Source">The file's name, e.g. <c>handbook.pdf</c>.</param>
/// <param name="Page">The 1-based PDF page, or null for files without pages.</param>
public sealed record KnowledgeSearchPassage(string Text, string Source, int? Page = null);
