using System.Text.Json;
using Parley.Storage.Knowledge;

namespace Parley.Server.Knowledge;

/// <summary>A knowledge as the API shows it: every field of the SDK's <c>Knowledge</c>, null where Parley has nothing to say.</summary>
internal sealed record KnowledgeResponse
{
    public required string Id { get; init; }
    public string Object => "knowledge";
    public required string Name { get; init; }

    /// <summary><c>pending</c>, <c>partial</c>, <c>ready</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Rows are files: how many there are, how many are indexed, how many failed.</summary>
    public required KnowledgeRowCounts RowCounts { get; init; }

    /// <summary>Why files failed, when some did.</summary>
    public KnowledgeLastError? LastError { get; init; }
    public required string TeamspaceId { get; init; }

    /// <summary>Always the teamspace: a self-hosted server has no organisation to share with.</summary>
    public string Scope => "teamspace";

    /// <summary>Always the root: Parley has no pages to nest knowledge under.</summary>
    public KnowledgeParent Parent => KnowledgeParent.Root;

    /// <summary>Always null: a self-hosted server has no credits.</summary>
    public JsonElement? Credits => null;

    /// <summary>Always null: knowledge comes from uploads, not from synced connections.</summary>
    public JsonElement? Sync => null;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public static KnowledgeResponse From(KnowledgeRecord knowledge) => new()
    {
        Id = knowledge.Id,
        Name = knowledge.Name,
        Status = knowledge.Status,
        RowCounts = new KnowledgeRowCounts(knowledge.FilesCompleted, knowledge.FilesFailed, knowledge.FilesTotal),
        LastError = knowledge.LastError is null ? null : new KnowledgeLastError(KnowledgeLastError.ProcessingError, knowledge.LastError),
        TeamspaceId = knowledge.TeamspaceId,
        CreatedAt = knowledge.CreatedAt,
        UpdatedAt = knowledge.UpdatedAt,
    };
}
