using System.Text.Json;
using Parley.Protocol.Payloads;

namespace Parley.Server.Messages;

/// <summary>A message of a conversation as the API shows it.</summary>
internal sealed record MessageResponse
{
    public required string Id { get; init; }
    public string Object => "conversation.message";
    public required string? AgentId { get; init; }
    public required string ConversationId { get; init; }
    public required string Role { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyList<Citation>? Citations { get; init; }
    public required MessageCredits Credits { get; init; }

    /// <summary>Content items; each is shaped by its <c>type</c>.</summary>
    public required IReadOnlyList<JsonElement> Content { get; init; }
}
