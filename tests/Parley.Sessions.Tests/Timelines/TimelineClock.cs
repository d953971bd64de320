using Microsoft.Extensions.Time.Testing;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>The fake clock a timeline runs on: only the client moves it, in small ticks, letting the session work between them.</summary>
/// <remarks>
/// Every wait of the session and the scripted engines (pacing, timers, the agent's and the synthesiser's delays) is on
/// this clock, so what a timeline means in time does not depend on how busy the machine is: a slow machine only takes
/// longer, in real time, to play it.
/// </remarks>
internal sealed class TimelineClock
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(32);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// Moves the clock on by <paramref name="span"/>, a tick at a time, with a real pause after each so the session can
    /// act: a millisecond, or <paramref name="pause"/>.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan span, TimeSpan? pause = null)
    {
        for (var left = span; left > TimeSpan.Zero; left -= Tick)
        {
            Time.Advance(left < Tick ? left : Tick);
            await Task.Delay(pause ?? TimeSpan.FromMilliseconds(1));
        }
    }
}
