namespace Parley.Agents.Orchestration;

/// <summary>What each task tool returns: the task it concerns, its state, and a sentence to say about it.</summary>
/// <param name="TaskId">The task concerned; null when there was none (nothing to cancel, no such agent).</param>
/// <param name="Agent">The agent the task is with.</param>
/// <param name="Status">The task's status (<c>queued</c>, <c>running</c>, ...), or <c>none</c>, <c>refused</c>.</param>
/// <param name="Say">A short spoken sentence telling the user what happened; a language model may say it in its own words.</param>
public sealed record TaskToolResult(string? TaskId, string? Agent, string Status, string Say);
