namespace Parley.Sessions.Orchestration;

/// <summary>Where a session's tasks come from: its teamspace, its conversation and its voice message.</summary>
public sealed record TaskOrigin(string TeamspaceId, string ConversationId, string? MessageId);
