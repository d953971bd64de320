namespace Parley.Storage.Knowledge;

/// <summary>A stored knowledge: a named set of uploaded files, chunked and indexed for retrieval.</summary>
public sealed record KnowledgeRecord
{
    public required string Id { get; init; }
    public required string TeamspaceId { get; init; }
    public required string Name { get; init; }

    /// <summary>One of <see cref="KnowledgeStatus"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Why files failed, when some did.</summary>
    public string? LastError { get; init; }
    public int FilesTotal { get; init; }
    public int FilesCompleted { get; init; }
    public int FilesFailed { get; init; }

    /// <summary>Indexed passages over all files.</summary>
    public int ChunkCount { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The uploaded file (Files API) this knowledge indexes, so a session given the file's id can search it; null for knowledge made through the knowledge API.</summary>
    /// <remarks>Such knowledge is the file's index, not a knowledge of the teamspace's: the knowledge API never shows it.</remarks>
    public string? FileId { get; init; }
}
