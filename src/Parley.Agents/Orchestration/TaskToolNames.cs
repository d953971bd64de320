namespace Parley.Agents.Orchestration;

/// <summary>The tools an orchestrator voice agent has for background work, and their arguments.</summary>
/// <remarks>
/// The tools are built by the session (they need storage and the task worker); their names live here because the
/// embedded agent decides to call them and reads their results, as it does for the catalog's tools.
/// </remarks>
public static class TaskToolNames
{
    /// <summary>Hands a task to one of the teamspace's agents; arguments <see cref="AgentArgument"/> and <see cref="TaskArgument"/>.</summary>
    public const string DelegateTask = "delegate_task";

    /// <summary>Tells how a task is going; optional argument <see cref="TaskIdArgument"/> (else the latest of the conversation).</summary>
    public const string CheckTask = "check_task";

    /// <summary>Cancels a queued or running task; optional argument <see cref="TaskIdArgument"/> (else the latest of the conversation).</summary>
    public const string CancelTask = "cancel_task";

    /// <summary>The agent to hand the task to, by name.</summary>
    public const string AgentArgument = "agent";

    /// <summary>What the agent should do, said so that it needs no other context.</summary>
    public const string TaskArgument = "task";

    /// <summary>The id of a task.</summary>
    public const string TaskIdArgument = "taskId";
}
