using Microsoft.Extensions.Time.Testing;

namespace Parley.Engines.Tests.Providers;

/// <summary>Moves a fake clock while real sockets do their work: a step, then a short real wait for what the step set off.</summary>
internal static class ClockSteps
{
    /// <summary>Advances <paramref name="clock"/> by <paramref name="step"/> until <paramref name="done"/> holds or <paramref name="limit"/> of fake time has passed; false if it never held.</summary>
    public static async Task<bool> AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> done, TimeSpan step, TimeSpan limit)
    {
        for (var passed = TimeSpan.Zero; passed <= limit; passed += step)
        {
            if (await WaitAsync(done, TimeSpan.FromMilliseconds(200)))
            {
                return true;
            }

            clock.Advance(step);
        }

        return await WaitAsync(done, TimeSpan.FromMilliseconds(500));
    }

    /// <summary>Polls <paramref name="done"/> on the real clock for up to <paramref name="within"/>.</summary>
    public static async Task<bool> WaitAsync(Func<bool> done, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (!done())
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }
}
