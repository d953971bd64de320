using System.Diagnostics;

namespace Parley.Bench;

/// <summary>Runs N callers at once and gathers their figures with the server's CPU and memory.</summary>
internal static class StepRunner
{
    public static async Task<StepResult> RunAsync(
        int callers, BenchOptions options, IReadOnlyList<SpeechClip> clips, ServerProbe? probe, CancellationToken cancellationToken = default)
    {
        var chunk = TimeSpan.FromSeconds((double)options.ChunkSamples / SpeechClip.SampleRate);
        var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var cpuBefore = probe?.CpuSeconds();
        var startedMs = BenchClock.NowMs;

        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var rssMax = probe?.RssMiB();
        var sampler = SampleRssAsync();

        // People do not speak in lockstep: spread the callers' chunk ticks across one chunk.
        var tasks = Enumerable.Range(0, callers)
            .Select(i => new SimulatedCaller(i + 1, options, clips, chunk * i / callers).RunAsync(cancellationToken))
            .ToList();
        var results = await Task.WhenAll(tasks);

        await sampling.CancelAsync();
        await sampler;
        var wall = (BenchClock.NowMs - startedMs) / 1000;
        var cpuAfter = probe?.CpuSeconds();
        var cpu = cpuAfter - cpuBefore;

        var turns = results.SelectMany(r => r.Turns).ToList();
        var latencies = turns.Where(t => t.LatencyMs is not null).Select(t => t.LatencyMs!.Value).Order().ToList();
        var errors = results.SelectMany(r => r.Errors.Select(e => $"caller {r.Caller}: {e}"))
            .Concat(turns.Where(t => t.Error is not null).Select(t => $"caller {t.Caller} turn {t.Turn}: {t.Error}"))
            .ToList();
        return new StepResult
        {
            Callers = callers,
            ChunkSamples = options.ChunkSamples,
            Turns = turns.Count,
            AnsweredTurns = latencies.Count,
            Errors = errors.Count,
            P50Ms = Percentile.Of(latencies, 50),
            P95Ms = Percentile.Of(latencies, 95),
            P99Ms = Percentile.Of(latencies, 99),
            MinMs = latencies.Count > 0 ? latencies[0] : null,
            MaxMs = latencies.Count > 0 ? latencies[^1] : null,
            UserTranscriptP50Ms = Percentile.Of([.. turns.Where(t => t.UserTranscriptMs is not null).Select(t => t.UserTranscriptMs!.Value).Order()], 50),
            AgentTranscriptP50Ms = Percentile.Of([.. turns.Where(t => t.AgentTranscriptMs is not null).Select(t => t.AgentTranscriptMs!.Value).Order()], 50),
            TurnsFellBehind = turns.Count(t => t.FellBehind),
            MaxClientSendLagMs = results.Length == 0 ? 0 : results.Max(r => r.MaxSendLagMs),
            WallSeconds = wall,
            ServerCpuSeconds = cpu,
            ServerCores = cpu / wall,
            ServerRssMiBEnd = probe?.RssMiB(),
            ServerRssMiBMax = rssMax,
            BenchCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore).TotalSeconds,
            ErrorMessages = errors,
            TurnResults = turns,
        };

        async Task SampleRssAsync()
        {
            if (probe is null)
            {
                return;
            }

            try
            {
                while (true)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), sampling.Token);
                    rssMax = Max(rssMax, probe.RssMiB());
                }
            }
            catch (OperationCanceledException)
            {
                // The step is over.
            }
        }
    }

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
