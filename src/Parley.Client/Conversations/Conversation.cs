namespace Parley.Client.Conversations;

/// <summary>A conversation: the history that voice sessions with its id continue.</summary>
public sealed record Conversation
{
    public required string Id { get; init; }
    public string Object { get; init; } = "conversation";

    /// <summary>Null for an unnamed conversation.</summary>
    public string? Name { get; init; }
    public IReadOnlyList<string> AgentIds { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
