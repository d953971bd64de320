namespace Parley.Sessions.Lifecycle;

/// <summary>A voice session that started: who it belongs to and where it is stored.</summary>
public sealed record SessionStarted(
    string TeamspaceId,
    string SessionId,
    string ConversationId,
    string MessageId,
    string AgentId,
    DateTimeOffset StartedAt);
