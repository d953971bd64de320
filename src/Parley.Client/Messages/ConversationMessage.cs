using Parley.Protocol.Payloads;

namespace Parley.Client.Messages;

/// <summary>A message of a conversation; a voice session is one message whose content holds a <c>voice</c> item.</summary>
public sealed record ConversationMessage
{
    public required string Id { get; init; }
    public string Object { get; init; } = "conversation.message";
    public string? AgentId { get; init; }
    public required string ConversationId { get; init; }
    public required string Role { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyList<Citation>? Citations { get; init; }
    public MessageCredits? Credits { get; init; }
    public IReadOnlyList<MessageContent> Content { get; init; } = [];
}
