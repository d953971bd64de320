namespace Parley.Sessions.Recording;

/// <summary>When a session tries a write again while the database is away, and when it stops trying.</summary>
/// <remarks>
/// The delay doubles from <see cref="FirstDelay"/> up to <see cref="MaxDelay"/>: a restart (a second or two) is ridden
/// out within a few hundred milliseconds of the database coming back, and a long outage costs one attempt every
/// <see cref="MaxDelay"/> per session, not a storm. Past <see cref="GiveUpAfter"/> of failing the session stops
/// waiting: what is said meanwhile could only pile up in memory.
/// </remarks>
public sealed record StorageRetryPolicy
{
    /// <summary>The wait before the first retry.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a write may go on failing before the session gives up on storing.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before retrying after failed attempt number <paramref name="failures"/> (1 for the first), or null to give up.</summary>
    /// <param name="failures">Attempts failed so far, at least 1.</param>
    /// <param name="failingFor">Time since the first of them failed.</param>
    public TimeSpan? DelayAfter(int failures, TimeSpan failingFor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        if (failingFor >= GiveUpAfter)
        {
            return null;
        }

        var delay = FirstDelay;
        for (var doubled = 1; doubled < failures && delay < MaxDelay; doubled++)
        {
            delay += delay;
        }

        delay = delay < MaxDelay ? delay : MaxDelay;

        // The last wait ends at the limit, so the last attempt is made at GiveUpAfter, not up to MaxDelay after it.
        var left = GiveUpAfter - failingFor;
        return delay < left ? delay : left;
    }
}
