namespace Parley.Storage.Knowledge;

/// <summary>One uploaded file of a knowledge; its bytes live in the data folder (SQLite) or the database (PostgreSQL), its text in chunks.</summary>
public sealed record KnowledgeFileRecord
{
    public required string Id { get; init; }
    public required string KnowledgeId { get; init; }

    /// <summary>The file name as uploaded (shown as the source of its passages).</summary>
    public required string Name { get; init; }
    public required string MediaType { get; init; }
    public long SizeBytes { get; init; }

    /// <summary>One of <see cref="KnowledgeFileStatus"/>.</summary>
    public required string Status { get; init; }
    public string? Error { get; init; }
    public int ChunkCount { get; init; }

    /// <summary>How many times ingestion started on it (a crash mid-file leaves it counted).</summary>
    public int Attempts { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
