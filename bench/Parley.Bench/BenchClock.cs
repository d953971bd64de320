using System.Diagnostics;

namespace Parley.Bench;

/// <summary>One monotonic clock for every timestamp of a run, in milliseconds.</summary>
internal static class BenchClock
{
    private static readonly long Origin = Stopwatch.GetTimestamp();

    public static double NowMs => Stopwatch.GetElapsedTime(Origin).TotalMilliseconds;

    /// <summary>Waits until the clock reads <paramref name="targetMs"/>.</summary>
    public static async Task WaitUntilAsync(double targetMs, CancellationToken cancellationToken)
    {
        var remaining = targetMs - NowMs;
        if (remaining > 1)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(remaining), cancellationToken);
        }
    }
}
