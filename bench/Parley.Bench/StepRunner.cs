using System.Diagnostics;
using Parley.Bench.Metrics;
using Parley.Bench.Phone;

namespace Parley.Bench;

/// <summary>Runs N callers at once and gathers their figures with the server's CPU, memory and own breakdown.</summary>
internal static class StepRunner
{
    /// <summary>Runs the step over <paramref name="transport"/>; phone calls ring <paramref name="phoneNumber"/>.</summary>
    public static async Task<StepResult> RunAsync(
        int callers, string transport, BenchOptions options, BenchClips clips, PhoneNumberSetup? phoneNumber, ServerProbe? probe, double? rssBaselineMiB,
        MetricsScraper scraper, CancellationToken cancellationToken = default)
    {
        var chunk = TimeSpan.FromSeconds((double)options.ChunkSamples / SpeechClip.SampleRate);
        var (metricsBefore, metricsError) = await scraper.ScrapeAsync(cancellationToken);
        var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var cpuBefore = probe?.CpuSeconds();
        var startedMs = BenchClock.NowMs;

        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var rssMax = probe?.RssMiB();
        var sampler = SampleRssAsync();

        // People do not speak in lockstep: spread the callers' chunk ticks across one chunk.
        var tasks = Enumerable.Range(0, callers)
            .Select(i => transport == Transports.Phone
                ? new PhoneCaller(i + 1, options, clips, phoneNumber ?? throw new ArgumentNullException(nameof(phoneNumber)), chunk * i / callers).RunAsync(cancellationToken)
                : new SimulatedCaller(i + 1, options, clips, chunk * i / callers).RunAsync(cancellationToken))
            .ToList();
        var results = await Task.WhenAll(tasks);

        await sampling.CancelAsync();
        await sampler;
        var wall = (BenchClock.NowMs - startedMs) / 1000;
        var cpuAfter = probe?.CpuSeconds();
        var cpu = cpuAfter - cpuBefore;
        var benchCpu = (Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore).TotalSeconds;

        var (metricsAfter, afterError) = await scraper.ScrapeAsync(cancellationToken);
        metricsError ??= afterError;
        var server = metricsBefore is not null && metricsAfter is not null ? ServerBreakdown.Between(metricsBefore, metricsAfter) : null;

        var turns = results.SelectMany(r => r.Turns).ToList();
        var latencies = Sorted(turns.Select(t => t.LatencyMs));
        var bargeIns = turns.Where(t => t.BargeIn).ToList();
        var bargeInLatencies = Sorted(bargeIns.Select(t => t.BargeInMs));
        var errors = results.SelectMany(r => r.Errors.Select(e => $"caller {r.Caller}: {e}"))
            .Concat(turns.Where(t => t.Error is not null).Select(t => $"caller {t.Caller} turn {t.Turn}: {t.Error}"))
            .ToList();
        var p95 = Percentile.Of(latencies, 95);
        var lineSilent = Sorted(bargeIns.Select(t => t.LineSilentMs));
        var leads = results.SelectMany(r => r.FrameLeadsMs).Order().ToList();
        var behind = turns.Count(t => t.FellBehind);
        return new StepResult
        {
            Callers = callers,
            Transport = transport,
            LineSilentP50Ms = Percentile.Of(lineSilent, 50),
            LineSilentP95Ms = Percentile.Of(lineSilent, 95),
            ClearDroppedMaxMs = bargeIns.Max(t => t.ClearDroppedMs),
            LineLeadP50Ms = Percentile.Of(leads, 50),
            LineLeadP95Ms = Percentile.Of(leads, 95),
            LineLeadMaxMs = leads.Count == 0 ? null : leads[^1],
            ChunkSamples = options.ChunkSamples,
            Turns = turns.Count,
            AnsweredTurns = latencies.Count,
            Errors = errors.Count,
            P50Ms = Percentile.Of(latencies, 50),
            P95Ms = p95,
            P99Ms = Percentile.Of(latencies, 99),
            MinMs = latencies.Count > 0 ? latencies[0] : null,
            MaxMs = latencies.Count > 0 ? latencies[^1] : null,
            UserTranscriptP50Ms = Percentile.Of(Sorted(turns.Select(t => t.UserTranscriptMs)), 50),
            AgentTranscriptP50Ms = Percentile.Of(Sorted(turns.Select(t => t.AgentTranscriptMs)), 50),
            TurnsFellBehind = behind,
            MaxUnderrunMs = turns.Count == 0 ? 0 : turns.Max(t => t.UnderrunMs),
            BargeIns = bargeIns.Count,
            BargeInsInterrupted = bargeInLatencies.Count,
            BargeInP50Ms = Percentile.Of(bargeInLatencies, 50),
            BargeInP95Ms = Percentile.Of(bargeInLatencies, 95),
            BargeInFromChunkP50Ms = Percentile.Of(Sorted(bargeIns.Select(t => t.BargeInFromChunkMs)), 50),
            AfterBargeInP50Ms = Percentile.Of(Sorted(bargeIns.Select(t => t.AfterBargeInLatencyMs)), 50),
            Server = server,
            MetricsError = server is null ? metricsError : null,
            KeptUp = p95 < options.TargetP95Ms && behind == 0 && errors.Count == 0,
            MaxClientSendLagMs = results.Length == 0 ? 0 : results.Max(r => r.MaxSendLagMs),
            WallSeconds = wall,
            ServerCpuSeconds = cpu,
            ServerCores = cpu / wall,
            ServerCpuPercentPerSession = cpu / wall * 100 / callers,
            ServerRssMiBEnd = probe?.RssMiB(),
            ServerRssMiBMax = rssMax,
            RssMiBPerSession = (rssMax - rssBaselineMiB) / callers,
            BenchCpuSeconds = benchCpu,
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

    private static List<double> Sorted(IEnumerable<double?> values) => [.. values.Where(v => v is not null).Select(v => v!.Value).Order()];

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
