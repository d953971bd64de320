namespace Parley.Server.Tests.Scenarios;

/// <summary>What happened when a scenario was played, measured on the client's clock.</summary>
/// <param name="Scenario">The scenario played.</param>
/// <param name="UserTurns">The final user transcripts the server sent (a typed prompt's excluded).</param>
/// <param name="Interrupted">Whether the server sent <c>interrupted</c> during the timeline.</param>
/// <param name="InterruptedBeforeSpeech">The <c>interrupted</c> came before the user's first word: echo or noise did it.</param>
/// <param name="BargeInLatency">First speech onset to <c>interrupted</c>, when both happened.</param>
/// <param name="PrematureEndpoint">A user turn ended before the user's last word: more than one turn, or the turn came before the speech ended.</param>
/// <param name="ResponseLatency">True end of the user's speech to the first agent audio after it, for scenarios expecting a user turn.</param>
/// <param name="Failure">Why the expected outcome was not met; null when it was.</param>
/// <param name="ResumeGap">Cut off with no user turn: <c>interrupted</c> → the first agent audio after it (the agent resumed), the silence heard.</param>
public sealed record ScenarioResult(
    Scenario Scenario,
    IReadOnlyList<string> UserTurns,
    bool Interrupted,
    bool InterruptedBeforeSpeech,
    TimeSpan? BargeInLatency,
    bool PrematureEndpoint,
    TimeSpan? ResponseLatency,
    string? Failure,
    TimeSpan? ResumeGap = null)
{
    public bool Passed => Failure is null;

    /// <summary>Interrupted (or heard a turn) when it should have kept talking, whether or not it resumed.</summary>
    public bool FalseInterruption => Scenario.Expected is NoInterruptionExpectation or NoTurnExpectation && (Interrupted || UserTurns.Count > 0);

    /// <summary>A false interruption the agent did not recover from: a turn was heard, or it was cut off and never resumed.</summary>
    public bool UnrecoveredFalseInterruption => FalseInterruption && (UserTurns.Count > 0 || ResumeGap is null);

    /// <summary>A real barge-in that cut the agent off, then heard no turn and let the cut reply go on: the user's words lost (met by the expectation, which asks only for the cut).</summary>
    public bool ResumedOverBargeIn => Scenario.Expected is InterruptionExpectation && !InterruptedBeforeSpeech && UserTurns.Count == 0 && ResumeGap is not null;

    /// <summary>Not interrupted in time when it should have been (runs already cut off by echo or noise excluded).</summary>
    public bool MissedBargeIn => Scenario.Expected is InterruptionExpectation expected && !InterruptedBeforeSpeech && (BargeInLatency is not { } latency || latency > expected.Within);
}
