using System.Globalization;
using System.Text;
using Parley.Bench.Metrics;

namespace Parley.Bench;

/// <summary>The markdown tables of a run: client latency and cost, the server's breakdown, barge-ins.</summary>
internal static class BenchTables
{
    /// <summary>Latency at the client, playback, CPU and memory, one row per N.</summary>
    public static string Latency(IReadOnlyList<StepResult> steps)
    {
        var text = new StringBuilder()
            .AppendLine("| N | turns | answered | errors | p50 ms | p95 ms | p99 ms | max ms | user transcript p50 ms | agent text p50 ms | behind | max underrun ms | server cores | CPU %/session | RSS MiB (max) | RSS MiB/session | bench CPU s |")
            .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in steps)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Callers} | {s.Turns} | {s.AnsweredTurns} | {s.Errors} | {F(s.P50Ms)} | {F(s.P95Ms)} | {F(s.P99Ms)} | {F(s.MaxMs)} | {F(s.UserTranscriptP50Ms)} | {F(s.AgentTranscriptP50Ms)} | {s.TurnsFellBehind} | {F(s.MaxUnderrunMs)} | {F(s.ServerCores, "0.00")} | {F(s.ServerCpuPercentPerSession, "0.0")} | {F(s.ServerRssMiBMax)} | {F(s.RssMiBPerSession, "0.0")} | {F(s.BenchCpuSeconds, "0.0")} |");
        }

        return text.ToString();
    }

    /// <summary>The server's own per-turn stages from <c>/metrics</c>: mean / p50 / p95 per N.</summary>
    public static string Breakdown(IReadOnlyList<StepResult> steps)
    {
        var header = new StringBuilder("| N | turns seen |");
        var rule = new StringBuilder("|---:|---:|");
        foreach (var (_, label) in ServerBreakdown.Stages)
        {
            header.Append(CultureInfo.InvariantCulture, $" {label} mean / p50 / p95 ms |");
            rule.Append("---:|");
        }

        var text = new StringBuilder().AppendLine(header.ToString()).AppendLine(rule.ToString());
        foreach (var s in steps)
        {
            if (s.Server is not { } server)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {s.Callers} | – |{string.Concat(Enumerable.Repeat(" – |", ServerBreakdown.Stages.Count))}");
                continue;
            }

            text.Append(CultureInfo.InvariantCulture, $"| {s.Callers} | {server.Of("parley_turn_endpoint_to_first_frame")?.Count ?? 0} |");
            foreach (var (metric, _) in ServerBreakdown.Stages)
            {
                var f = server.Of(metric);
                text.Append(CultureInfo.InvariantCulture, $" {F(f?.MeanMs)} / {F(f?.P50Ms)} / {F(f?.P95Ms)} |");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>Barge-in turns at the client.</summary>
    public static string BargeIns(IReadOnlyList<StepResult> steps)
    {
        var text = new StringBuilder()
            .AppendLine("| N | barge-in turns | interrupted | onset → interrupted p50 ms | p95 ms | voiced chunk sent → interrupted p50 ms | end of interrupting speech → new answer p50 ms |")
            .AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in steps)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Callers} | {s.BargeIns} | {s.BargeInsInterrupted} | {F(s.BargeInP50Ms)} | {F(s.BargeInP95Ms)} | {F(s.BargeInFromChunkP50Ms)} | {F(s.AfterBargeInP50Ms)} |");
        }

        return text.ToString();
    }

    /// <summary>Phone calls through the emulated carrier: latency on the line's play clock, barge-in to <c>clear</c> and to silence, the lead the carrier saw.</summary>
    public static string Phone(IReadOnlyList<StepResult> steps)
    {
        var text = new StringBuilder()
            .AppendLine("| N | turns | answered | errors | p50 ms | p95 ms | p99 ms | max ms | behind | max underrun ms | barge-ins | cleared | onset → clear p50 ms | p95 ms | onset → line silent p50 ms | p95 ms | most dropped by a clear ms | line lead p50 / p95 / max ms | end of interrupting speech → new answer p50 ms | server cores | CPU %/session |")
            .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in steps)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Callers} | {s.Turns} | {s.AnsweredTurns} | {s.Errors} | {F(s.P50Ms)} | {F(s.P95Ms)} | {F(s.P99Ms)} | {F(s.MaxMs)} | {s.TurnsFellBehind} | {F(s.MaxUnderrunMs)} | {s.BargeIns} | {s.BargeInsInterrupted} | {F(s.BargeInP50Ms)} | {F(s.BargeInP95Ms)} | {F(s.LineSilentP50Ms)} | {F(s.LineSilentP95Ms)} | {F(s.ClearDroppedMaxMs)} | {F(s.LineLeadP50Ms)} / {F(s.LineLeadP95Ms)} / {F(s.LineLeadMaxMs)} | {F(s.AfterBargeInP50Ms)} | {F(s.ServerCores, "0.00")} | {F(s.ServerCpuPercentPerSession, "0.0")} |");
        }

        return text.ToString();
    }

    /// <summary>The sentence naming the largest N that kept up.</summary>
    public static string Capacity(IReadOnlyList<StepResult> steps, int targetP95Ms)
    {
        var largest = LargestKeptUp(steps);
        return largest is { } n
            ? $"Largest N with p95 < {targetP95Ms} ms, no turn behind real time and no error: **{n}**."
            : $"Largest N with p95 < {targetP95Ms} ms, no turn behind real time and no error: **none** of the N run.";
    }

    /// <summary>The largest N whose step kept up, or null.</summary>
    public static int? LargestKeptUp(IReadOnlyList<StepResult> steps)
        => steps.Where(s => s.KeptUp).Select(s => (int?)s.Callers).Max();

    private static string F(double? value, string format = "0") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "–";
}
