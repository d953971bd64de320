namespace Parley.Storage.Messages;

/// <summary>A stored message of a conversation; a voice session is one message of kind <c>voice</c> with a timeline.</summary>
public sealed record MessageRecord
{
    public required string Id { get; init; }
    public required string TeamspaceId { get; init; }
    public required string ConversationId { get; init; }
    public string? AgentId { get; init; }
    public required string Role { get; init; }
    public required string Kind { get; init; }
    public string? Text { get; init; }
    public long? DurationMs { get; init; }
    public double Credits { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
}
