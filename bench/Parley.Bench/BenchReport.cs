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

    public static async Task WriteAsync(BenchOptions options, BenchClips clips, IReadOnlyList<StepResult> steps, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.OutDir);
        var phone = steps.Where(s => s.Transport == Transports.Phone).ToList();
        var all = steps;
        steps = [.. steps.Where(s => s.Transport == Transports.WebSocket)];
        var plots = options.Plots ? BenchPlots.Write(options.OutDir, steps.Count > 0 ? steps : phone, options.TargetP95Ms) : [];
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
            options.Transports,
            LargestNKeptUp = BenchTables.LargestKeptUp(steps),
            LargestNKeptUpByPhone = BenchTables.LargestKeptUp(phone),
            Plots = plots.Select(Path.GetFileName),
            Machine = new { Environment.ProcessorCount, Os = Environment.OSVersion.VersionString },
            Clips = clips.All.Select(c => new { c.Text, DurationMs = c.Duration.TotalMilliseconds, StartOfSpeechMs = c.StartOfSpeech.TotalMilliseconds, EndOfSpeechMs = c.EndOfSpeech.TotalMilliseconds }),
            Steps = all,
        };
        await File.WriteAllTextAsync(Path.Combine(options.OutDir, "bench.json"), JsonSerializer.Serialize(run, Json), cancellationToken);

        var latency = BenchTables.Latency(steps);
        var breakdown = BenchTables.Breakdown(steps);
        var bargeIns = BenchTables.BargeIns(steps);
        var capacity = BenchTables.Capacity(steps, options.TargetP95Ms);
        var markdown = new StringBuilder()
            .AppendLine("# Parley benchmark")
            .AppendLine();
        if (steps.Count > 0)
        {
            markdown
                .AppendLine("## WebSocket (`/ws/voice`)")
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Server {options.Url}; chunks of {options.ChunkSamples} samples ({options.ChunkSamples * 1000.0 / SpeechClip.SampleRate:0} ms); next turn after {options.QuietMs} ms without agent audio; every {options.BargeInEvery}th turn talks over the answer {options.BargeInDelayMs} ms after its first audio (0 = never).")
                .AppendLine("Latency: true end of user speech (last sample above -36 dBFS) → first agent `audio` frame at the client.")
                .AppendLine()
                .AppendLine(capacity)
                .AppendLine()
                .Append(latency)
                .AppendLine()
                .AppendLine("Transcript columns: end of speech → the user's / the agent's first `transcript` frame at the client (medians).")
                .AppendLine(CultureInfo.InvariantCulture, $"Behind = turns whose playback at the client ran dry for more than {TurnResult.BehindUnderrunMs:0} ms in all (agent audio arriving slower than it plays). Server cores = server CPU seconds / wall seconds; CPU %/session = that × 100 / N; RSS MiB/session = (highest RSS in the step − idle RSS before the run) / N.")
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
        }

        var phoneTable = BenchTables.Phone(phone);
        var phoneBreakdown = BenchTables.Breakdown(phone);
        if (phone.Count > 0)
        {
            markdown.AppendLine()
                .AppendLine("## Phone (Twilio voice webhook and Media Streams, through the emulated carrier)")
                .AppendLine()
                .AppendLine("Each call rings a number through the signed voice webhook, connects the TwiML's stream, and streams the same questions as µ-law 8 kHz in 20 ms frames at real time. Times are on the line's clock: latency = the caller's true end of speech (the frame holding its last loud sample sent) → the first agent audio *played* on the line; barge-in = onset of the interrupting speech → `clear` received, and → the earpiece silent. Line lead = audio the carrier already held unplayed as each agent frame arrived (the server paces to `Parley:Telephony:LineLead`).")
                .AppendLine()
                .AppendLine(BenchTables.Capacity(phone, options.TargetP95Ms))
                .AppendLine()
                .Append(phoneTable)
                .AppendLine()
                .AppendLine("### Server breakdown of the phone steps")
                .AppendLine()
                .Append(phoneBreakdown);
        }
        if (plots.Count > 0)
        {
            markdown.AppendLine().AppendLine("## Plots").AppendLine();
            foreach (var plot in plots)
            {
                markdown.AppendLine(CultureInfo.InvariantCulture, $"![{Path.GetFileNameWithoutExtension(plot)}]({Path.GetFileName(plot)})");
            }
        }

        foreach (var step in all.Where(s => s.ErrorMessages.Count > 0 || s.MetricsError is not null))
        {
            markdown.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Errors at N={step.Callers} ({step.Transport}):");
            foreach (var error in step.ErrorMessages.Take(20).Append(step.MetricsError).OfType<string>())
            {
                markdown.AppendLine(CultureInfo.InvariantCulture, $"- {error}");
            }
        }

        await File.WriteAllTextAsync(Path.Combine(options.OutDir, "bench.md"), markdown.ToString(), cancellationToken);
        if (steps.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine(capacity);
            Console.Write(latency);
            Console.WriteLine();
            Console.Write(breakdown);
            Console.WriteLine();
            Console.Write(bargeIns);
        }

        if (phone.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("Phone:");
            Console.Write(phoneTable);
            Console.WriteLine();
            Console.Write(phoneBreakdown);
        }
    }
}
