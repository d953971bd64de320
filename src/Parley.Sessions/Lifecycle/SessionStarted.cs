namespace Parley.Sessions.Lifecycle;

/// <summary>A voice session that started: who it belongs to and where it is stored.</summary>
/// <param name="TeamspaceId">Whose session it is.</param>
/// <param name="SessionId">The session.</param>
/// <param name="ConversationId">The conversation it is part of.</param>
/// <param name="MessageId">The voice message it is stored as.</param>
/// <param name="AgentId">The agent that answers.</param>
/// <param name="StartedAt">When its clock starts: the timeline's <c>timestamp_ms</c> and the clips' <c>start_time_ms</c> count from here.</param>
public sealed record SessionStarted(
    string TeamspaceId,
    string SessionId,
    string ConversationId,
    string MessageId,
    string AgentId,
    DateTimeOffset StartedAt);
