namespace Parley.Server.Conversations;

/// <summary>The body of creating or updating a conversation.</summary>
internal sealed record ConversationRequest(string? Name, IReadOnlyList<string>? AgentIds);
