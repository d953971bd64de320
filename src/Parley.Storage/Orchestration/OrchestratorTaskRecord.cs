namespace Parley.Storage.Orchestration;

/// <summary>A task an orchestrator voice agent handed to one of the teamspace's agents, as stored.</summary>
public sealed record OrchestratorTaskRecord
{
    public required string Id { get; init; }
    public required string TeamspaceId { get; init; }

    /// <summary>The conversation of the session that delegated it; the next session of that conversation hears the outcome.</summary>
    public string? ConversationId { get; init; }

    /// <summary>The voice message (session) that delegated it.</summary>
    public string? MessageId { get; init; }

    public required string AgentId { get; init; }

    /// <summary>The agent's name when the task was given, as the user heard it.</summary>
    public required string AgentName { get; init; }

    public required string Task { get; init; }
    public required string Status { get; init; }
    public string? Result { get; init; }
    public string? ErrorMessage { get; init; }

    /// <summary>Runs started: one more at every claim, so a task that keeps taking the server down is given up.</summary>
    public int Attempts { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public DateTimeOffset? AnnouncedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Whether the task is over (completed, failed or cancelled).</summary>
    public bool IsFinished => OrchestratorTaskStatuses.IsFinished(Status);
}
