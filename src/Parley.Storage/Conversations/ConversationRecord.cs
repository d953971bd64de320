namespace Parley.Storage.Conversations;

/// <summary>A stored conversation.</summary>
public sealed record ConversationRecord
{
    public required string Id { get; init; }
    public required string TeamspaceId { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<string> AgentIds { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
