using System.Diagnostics;

namespace Parley.Bench.Soak;

/// <summary>
/// Many callers talking for minutes: each holds a session of a few turns (every third a barge-in), pauses to think
/// before each, and opens a new session when one ends, until the time is up. The server's memory, open files and
/// threads are sampled throughout, and once more when the server is idle again.
/// </summary>
internal static class CallersSoak
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);

    public static async Task<CallersSoakResult> RunAsync(BenchOptions options, BenchClips clips, ServerProbe probe, CancellationToken cancellationToken = default)
    {
        var idleBefore = await IdleSampleAsync(probe, 0, 0, cancellationToken);
        var clock = Stopwatch.StartNew();
        var duration = TimeSpan.FromMinutes(options.SoakMinutes);
        var samples = new List<ProcessSample>();
        var sessions = 0;
        var turns = 0;
        var answered = 0;
        var errors = new List<string>();
        var callerOptions = options with { ThinkMs = Math.Max(options.ThinkMs, 3000) };
        var chunk = TimeSpan.FromSeconds((double)options.ChunkSamples / SpeechClip.SampleRate);

        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = SampleAsync();
        var callers = Enumerable.Range(1, options.SoakCallers).Select(CallAsync).ToList();
        await Task.WhenAll(callers);
        await sampling.CancelAsync();
        await sampler;
        var wall = clock.Elapsed;
        var idleAfter = await IdleSampleAsync(probe, wall.TotalSeconds, sessions, cancellationToken);

        return new CallersSoakResult
        {
            Callers = options.SoakCallers,
            Minutes = options.SoakMinutes,
            WarmupMinutes = options.SoakWarmupMinutes,
            WallSeconds = wall.TotalSeconds,
            Sessions = sessions,
            Turns = turns,
            AnsweredTurns = answered,
            Errors = errors.Count,
            ErrorMessages = [.. errors.Take(50)],
            IdleBefore = idleBefore,
            IdleAfter = idleAfter,
            Samples = samples,
        };

        async Task CallAsync(int caller)
        {
            // Callers start a chunk apart, as people do not speak in lockstep.
            var delay = chunk * (caller - 1) / options.SoakCallers;
            for (var round = 0; clock.Elapsed < duration && !cancellationToken.IsCancellationRequested; round++)
            {
                var result = await new SimulatedCaller((caller * 1000) + round, callerOptions, clips, delay).RunAsync(cancellationToken);
                delay = TimeSpan.Zero;
                lock (errors)
                {
                    sessions++;
                    turns += result.Turns.Count;
                    answered += result.Turns.Count(t => t.LatencyMs is not null);
                    errors.AddRange(result.Errors.Select(e => $"caller {caller} session {round + 1}: {e}"));
                    errors.AddRange(result.Turns.Where(t => t.Error is not null).Select(t => $"caller {caller} session {round + 1} turn {t.Turn}: {t.Error}"));
                }
            }
        }

        async Task SampleAsync()
        {
            try
            {
                while (true)
                {
                    lock (errors)
                    {
                        samples.Add(ProcessSample.Of(probe, clock.Elapsed.TotalSeconds, sessions));
                    }

                    await Task.Delay(SampleEvery, sampling.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // The callers are done.
            }
        }
    }

    /// <summary>The server with no session: after a pause, so sockets closing and timers ending have settled.</summary>
    private static async Task<ProcessSample> IdleSampleAsync(ServerProbe probe, double atSeconds, int sessions, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
        return ProcessSample.Of(probe, atSeconds, sessions);
    }
}
