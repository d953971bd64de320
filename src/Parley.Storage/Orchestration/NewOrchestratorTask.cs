namespace Parley.Storage.Orchestration;

/// <summary>A task to queue: who asked, in which conversation, for which agent, what to do.</summary>
public sealed record NewOrchestratorTask(
    string TeamspaceId, string? ConversationId, string? MessageId, string AgentId, string AgentName, string Task);
