using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Bench;

/// <summary>Writes the run as JSON, as markdown tables and as PNG plots, and prints the tables.</summary>
internal static class BenchReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task WriteAsync(BenchOptions options, BenchClips clips, IdleMemory? idle, IReadOnlyList<StepResult> steps, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.OutDir);
        var plots = options.Plots ? BenchPlots.Write(options.OutDir, steps, options.TargetP95Ms) : [];
        var run = new
        {
            Started = DateTimeOffset.UtcNow,
            Url = options.Url.ToString(),
            options.ChunkSamples,
            ChunkMs = options.ChunkSamples * 1000.0 / SpeechClip.SampleRate,
            options.QuietMs,
            options.BargeInEvery,
            options.BargeInDelayMs,
            options.TargetP95Ms,
            options.ServerPid,
            Idle = idle,
            LargestNKeptUp = BenchTables.LargestKeptUp(steps),
            Plots = plots.Select(Path.GetFileName),
            Machine = new { Environment.ProcessorCount, Os = Environment.OSVersion.VersionString },
            Clips = clips.All.Select(c => new { c.Text, DurationMs = c.Duration.TotalMilliseconds, StartOfSpeechMs = c.StartOfSpeech.TotalMilliseconds, EndOfSpeechMs = c.EndOfSpeech.TotalMilliseconds }),
            Steps = steps,
        };
        await File.WriteAllTextAsync(Path.Combine(options.OutDir, "bench.json"), JsonSerializer.Serialize(run, Json), cancellationToken);

        var latency = BenchTables.Latency(steps);
        var breakdown = BenchTables.Breakdown(steps);
        var bargeIns = BenchTables.BargeIns(steps);
        var capacity = BenchTables.Capacity(steps, options.TargetP95Ms);
        var markdown = new StringBuilder()
            .AppendLine("# Parley benchmark")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Server {options.Url}; chunks of {options.ChunkSamples} samples ({options.ChunkSamples * 1000.0 / SpeechClip.SampleRate:0} ms); next turn after {options.QuietMs} ms without agent audio; every {options.BargeInEvery}th turn talks over the answer {options.BargeInDelayMs} ms after its first audio (0 = never).")
            .AppendLine("Latency: true end of user speech (last sample above -36 dBFS) → first agent `audio` frame at the client.")
            .AppendLine()
            .AppendLine(capacity)
            .AppendLine()
            .Append(latency)
            .AppendLine()
            .AppendLine("Transcript columns: end of speech → the user's / the agent's first `transcript` frame at the client (medians).")
            .AppendLine(CultureInfo.InvariantCulture, $"Behind = turns whose playback at the client ran dry for more than {TurnResult.BehindUnderrunMs:0} ms in all (agent audio arriving slower than it plays). Server cores = server CPU seconds / wall seconds; CPU %/session = that × 100 / N; RSS MiB/session = (highest RSS in the step − idle RSS before the run) / N; RSS and PSS cover the server and the processes it started: RSS counts the pages a helper's forks share with it once, PSS divides every shared page among all processes mapping it, other programs' included.")
            .AppendLine()
            .AppendLine("## Server breakdown (from /metrics, difference of the scrapes before and after each step)")
            .AppendLine()
            .Append(breakdown)
            .AppendLine()
            .AppendLine("Means are exact (sum / count); p50 and p95 are interpolated inside histogram buckets, so they are only as fine as the buckets (5, 10, 20, 30, 40, 50, 75, 100, 150, 200, 250, 300, 350, 400, 450, 500, 600, 750, 1000, … ms).")
            .AppendLine()
            .AppendLine("## Barge-in")
            .AppendLine()
            .Append(bargeIns);
        if (plots.Count > 0)
        {
            markdown.AppendLine().AppendLine("## Plots").AppendLine();
            foreach (var plot in plots)
            {
                markdown.AppendLine(CultureInfo.InvariantCulture, $"![{Path.GetFileNameWithoutExtension(plot)}]({Path.GetFileName(plot)})");
            }
        }

        foreach (var step in steps.Where(s => s.ErrorMessages.Count > 0 || s.MetricsError is not null))
        {
            markdown.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Errors at N={step.Callers}:");
            foreach (var error in step.ErrorMessages.Take(20).Append(step.MetricsError).OfType<string>())
            {
                markdown.AppendLine(CultureInfo.InvariantCulture, $"- {error}");
            }
        }

        await File.WriteAllTextAsync(Path.Combine(options.OutDir, "bench.md"), markdown.ToString(), cancellationToken);
        Console.WriteLine();
        Console.WriteLine(capacity);
        Console.Write(latency);
        Console.WriteLine();
        Console.Write(breakdown);
        Console.WriteLine();
        Console.Write(bargeIns);
    }
}
