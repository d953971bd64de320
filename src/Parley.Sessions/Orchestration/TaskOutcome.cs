namespace Parley.Sessions.Orchestration;

/// <summary>How one run of a task ended: the agent's answer, or why there is none.</summary>
public sealed record TaskOutcome(string? Result, string? Error)
{
    public static TaskOutcome Answered(string result) => new(result, null);

    public static TaskOutcome Failed(string error) => new(null, error);
}
