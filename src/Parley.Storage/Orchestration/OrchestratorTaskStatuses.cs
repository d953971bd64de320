namespace Parley.Storage.Orchestration;

/// <summary>The states of a delegated task: <c>queued</c> → <c>running</c> → <c>completed</c>, <c>failed</c> or <c>cancelled</c>.</summary>
public static class OrchestratorTaskStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>Every status, in lifecycle order.</summary>
    public static IReadOnlyList<string> All { get; } = [Queued, Running, Completed, Failed, Cancelled];

    /// <summary>Whether a task in <paramref name="status"/> is over.</summary>
    public static bool IsFinished(string status) => status is Completed or Failed or Cancelled;
}
