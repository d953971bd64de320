namespace Parley.Client.Voice;

/// <summary>How a <see cref="VoiceSession"/> reconnects after its connection drops: exponential backoff with jitter.</summary>
/// <remarks>
/// Try <c>n</c> waits <c>min(BaseDelay · 2^(n-1), MaxDelay)</c>, scaled by a random factor in <c>1 ± Jitter</c> so
/// that many clients dropped together by a restarting server do not come back in step.
/// </remarks>
public sealed record ReconnectPolicy
{
    /// <summary>8 tries, from 0.5 s up to 15 s apart, ±25 %: about a minute and a half in all.</summary>
    public static ReconnectPolicy Default { get; } = new();

    /// <summary>Never reconnect: a dropped connection ends the session.</summary>
    public static ReconnectPolicy None { get; } = new() { MaxAttempts = 0 };

    /// <summary>Tries before giving up; 0 turns reconnection off.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The wait before the first try.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between tries.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The random spread of each wait, as a fraction of it (0 to 1).</summary>
    public double Jitter { get; init; } = 0.25;

    /// <summary>The wait before try <paramref name="attempt"/> (from 1), given a random number in [0, 1).</summary>
    public TimeSpan DelayFor(int attempt, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        var factor = 1 + (Math.Clamp(Jitter, 0, 1) * ((2 * random) - 1));
        return TimeSpan.FromMilliseconds(Math.Max(0, capped * factor));
    }
}
