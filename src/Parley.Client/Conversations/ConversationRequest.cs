namespace Parley.Client.Conversations;

/// <summary>The fields of a conversation to create or change; a null field is not sent.</summary>
public sealed record ConversationRequest
{
    public string? Name { get; init; }

    /// <summary>Agents taking part; each must exist (404 otherwise).</summary>
    public IReadOnlyList<string>? AgentIds { get; init; }
}
