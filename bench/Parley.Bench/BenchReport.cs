using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Bench;

/// <summary>Writes the run as JSON and as a markdown table, and prints the table.</summary>
internal static class BenchReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static async Task WriteAsync(BenchOptions options, IReadOnlyList<SpeechClip> clips, IReadOnlyList<StepResult> steps, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.OutDir);
        var run = new
        {
            Started = DateTimeOffset.UtcNow,
            Url = options.Url.ToString(),
            options.ChunkSamples,
            ChunkMs = options.ChunkSamples * 1000.0 / SpeechClip.SampleRate,
            options.QuietMs,
            options.ServerPid,
            Machine = new { Environment.ProcessorCount, Os = Environment.OSVersion.VersionString },
            Clips = clips.Select(c => new { c.Text, DurationMs = c.Duration.TotalMilliseconds, EndOfSpeechMs = c.EndOfSpeech.TotalMilliseconds }),
            Steps = steps,
        };
        await File.WriteAllTextAsync(Path.Combine(options.OutDir, "bench.json"), JsonSerializer.Serialize(run, Json), cancellationToken);
        var table = Table(steps);
        var markdown = new StringBuilder()
            .AppendLine("# Parley benchmark")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Server {options.Url}; chunks of {options.ChunkSamples} samples ({options.ChunkSamples * 1000.0 / SpeechClip.SampleRate:0} ms); next turn after {options.QuietMs} ms without agent audio.")
            .AppendLine("Latency: true end of user speech (last sample above -36 dBFS) → first agent `audio` frame at the client.")
            .AppendLine()
            .Append(table)
            .AppendLine()
            .AppendLine("Transcript columns: end of speech → the user's / the agent's first `transcript` frame at the client (medians).")
            .AppendLine("Behind = turns whose agent audio took more than its duration + 1 s to arrive. Server cores = server CPU seconds / wall seconds.");
        foreach (var step in steps.Where(s => s.ErrorMessages.Count > 0))
        {
            markdown.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Errors at N={step.Callers}:");
            foreach (var error in step.ErrorMessages.Take(20))
            {
                markdown.AppendLine(CultureInfo.InvariantCulture, $"- {error}");
            }
        }

        await File.WriteAllTextAsync(Path.Combine(options.OutDir, "bench.md"), markdown.ToString(), cancellationToken);
        Console.WriteLine();
        Console.Write(table);
    }

    public static string Table(IReadOnlyList<StepResult> steps)
    {
        var text = new StringBuilder()
            .AppendLine("| N | turns | answered | errors | p50 ms | p95 ms | p99 ms | max ms | user transcript p50 ms | agent text p50 ms | behind | server CPU s | server cores | RSS MiB (max) | bench CPU s |")
            .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in steps)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Callers} | {s.Turns} | {s.AnsweredTurns} | {s.Errors} | {F(s.P50Ms)} | {F(s.P95Ms)} | {F(s.P99Ms)} | {F(s.MaxMs)} | {F(s.UserTranscriptP50Ms)} | {F(s.AgentTranscriptP50Ms)} | {s.TurnsFellBehind} | {F(s.ServerCpuSeconds, "0.0")} | {F(s.ServerCores, "0.00")} | {F(s.ServerRssMiBMax)} | {s.BenchCpuSeconds.ToString("0.0", CultureInfo.InvariantCulture)} |");
        }

        return text.ToString();
    }

    private static string F(double? value, string format = "0") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "–";
}
