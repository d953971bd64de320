namespace Parley.Storage.Knowledge;

/// <summary>A passage of a file to index: its place in the file, its text, and the PDF page it comes from.</summary>
public sealed record KnowledgeChunk(int Ordinal, string Text, int? PageNumber = null);
