namespace Parley.Client.Knowledge;

/// <summary>A knowledge (the API's <c>knowledge</c> object): uploaded files an agent can search, ingested in the background.</summary>
public sealed record KnowledgeBase
{
    public required string Id { get; init; }
    public string Object { get; init; } = "knowledge";
    public required string Name { get; init; }

    /// <summary>One of <see cref="KnowledgeStatuses"/>.</summary>
    public required string Status { get; init; }
    public KnowledgeRowCounts? RowCounts { get; init; }
    public KnowledgeError? LastError { get; init; }
    public string? TeamspaceId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Whether ingestion has finished, well or not.</summary>
    public bool IsSettled => Status is KnowledgeStatuses.Ready or KnowledgeStatuses.Failed;
}
