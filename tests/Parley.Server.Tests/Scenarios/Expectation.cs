namespace Parley.Server.Tests.Scenarios;

/// <summary>What a scenario should lead to.</summary>
public abstract record Expectation
{
    /// <summary>Exactly one user turn, heard from its first word to its last: no premature endpoint.</summary>
    public static Expectation UserTurn(string text) => new UserTurnExpectation(text);

    /// <summary>The agent is not interrupted and hears no user turn.</summary>
    public static Expectation NoInterruption { get; } = new NoInterruptionExpectation();

    /// <summary>No user turn: the agent talks on, or, cut off by the sound of speech that proves no turn (a backchannel), says the rest of its reply.</summary>
    public static Expectation NoTurn { get; } = new NoTurnExpectation();

    /// <summary>The agent is interrupted within <paramref name="milliseconds"/> of the user's speech onset.</summary>
    public static Expectation Interruption(int milliseconds) => new InterruptionExpectation(TimeSpan.FromMilliseconds(milliseconds));
}

/// <summary>One user turn holding <paramref name="Text"/>.</summary>
public sealed record UserTurnExpectation(string Text) : Expectation
{
    public override string ToString() => $"one user turn \"{Text}\"";
}

/// <summary>The agent keeps talking.</summary>
public sealed record NoInterruptionExpectation : Expectation
{
    public override string ToString() => "no interruption";
}

/// <summary>No user turn is taken; an interruption counts as a (resumed) false interruption only if the agent goes on.</summary>
public sealed record NoTurnExpectation : Expectation
{
    public override string ToString() => "no turn (resumed if cut)";
}

/// <summary>The agent stops for the user.</summary>
public sealed record InterruptionExpectation(TimeSpan Within) : Expectation
{
    public override string ToString() => $"interruption within {Within.TotalMilliseconds:F0} ms";
}
