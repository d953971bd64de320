namespace Parley.Storage.Orchestration;

/// <summary>Which of a teamspace's tasks a list shows.</summary>
/// <param name="Statuses">Only these statuses; empty for the inbox default: active tasks not yet expired, and finished ones not yet acknowledged.</param>
/// <param name="ConversationId">Only the tasks of this conversation.</param>
/// <param name="Limit">At most this many, newest first.</param>
public sealed record OrchestratorTaskFilter(IReadOnlyList<string> Statuses, string? ConversationId, int Limit);
