namespace Parley.Storage.Knowledge;

/// <summary>The states of one uploaded file: waiting for ingestion, indexed, or refused by it.</summary>
public static class KnowledgeFileStatus
{
    /// <summary>Saved, not ingested yet (also after a crash: ingestion picks it up again).</summary>
    public const string Pending = "pending";

    /// <summary>Its chunks are indexed.</summary>
    public const string Ready = "ready";

    /// <summary>It could not be read; <see cref="KnowledgeFileRecord.Error"/> says why.</summary>
    public const string Failed = "failed";
}
