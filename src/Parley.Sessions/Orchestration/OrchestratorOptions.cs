namespace Parley.Sessions.Orchestration;

/// <summary>How delegated tasks run: how many at once, how many may wait, how long each may take and is kept.</summary>
/// <remarks>Bound from <c>Parley:Orchestrator</c> and validated at start-up, so a bad value stops the server with its name.</remarks>
public sealed record OrchestratorOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Parley:Orchestrator";

    /// <summary>Tasks run side by side on this node (the worker pool); the rest wait in the queue.</summary>
    public int MaxConcurrentTasks { get; init; } = 2;

    /// <summary>Tasks the server holds queued at once; a delegation beyond it is refused ("too busy").</summary>
    public int MaxQueuedTasks { get; init; } = 256;

    /// <summary>Tasks one teamspace may have queued or running at once.</summary>
    public int MaxActiveTasksPerTeamspace { get; init; } = 16;

    /// <summary>The time one run of a task may take; past it the task fails.</summary>
    public TimeSpan MaxTaskDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a task is kept (<c>expires_at</c>): one not yet run by then fails, a finished one is deleted.</summary>
    public TimeSpan TaskLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The longest task description accepted from an agent.</summary>
    public int MaxTaskChars { get; init; } = 2_000;

    /// <summary>Runs a task may start: a task the server stopped (or crashed) under this many times fails rather than runs again.</summary>
    public int MaxAttempts { get; init; } = 2;

    /// <summary>How often idle workers look for queued tasks they were not told of (queued by another node).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often finished tasks past their expiry are deleted.</summary>
    public TimeSpan PurgeInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The most agents a <c>delegate_task</c> tool lists (the teamspace's newest).</summary>
    public int MaxAgentsListed { get; init; } = 50;

    /// <summary>Throws when a value is out of range.</summary>
    public OrchestratorOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentTasks, 1, nameof(MaxConcurrentTasks));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueuedTasks, 1, nameof(MaxQueuedTasks));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxActiveTasksPerTeamspace, 1, nameof(MaxActiveTasksPerTeamspace));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxTaskDuration, TimeSpan.Zero, nameof(MaxTaskDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(TaskLifetime, MaxTaskDuration, nameof(TaskLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTaskChars, 20, nameof(MaxTaskChars));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollInterval, TimeSpan.Zero, nameof(PollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PurgeInterval, TimeSpan.Zero, nameof(PurgeInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAgentsListed, 1, nameof(MaxAgentsListed));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxAgentsListed, Storage.Paging.PageRequest.MaxLimit, nameof(MaxAgentsListed));
        return this;
    }
}
