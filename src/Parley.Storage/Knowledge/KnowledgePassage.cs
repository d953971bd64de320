namespace Parley.Storage.Knowledge;

/// <summary>A passage found by <see cref="KnowledgeStore.SearchAsync"/>, with where it comes from.</summary>
/// <remarks><see cref="Score"/> is higher for better matches; its scale depends on the engine (BM25 or ts_rank), so compare scores only within one result.</remarks>
public sealed record KnowledgePassage
{
    public required long ChunkId { get; init; }
    public required string KnowledgeId { get; init; }
    public required string KnowledgeName { get; init; }
    public required string FileId { get; init; }

    /// <summary>The file name the passage comes from.</summary>
    public required string SourceName { get; init; }

    /// <summary>The 1-based PDF page, or null for files without pages.</summary>
    public int? PageNumber { get; init; }

    /// <summary>The passage's position within its file, from 0.</summary>
    public int Ordinal { get; init; }
    public required string Text { get; init; }
    public double Score { get; init; }
}
