using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Bench.Soak;

/// <summary>Judges a soak against its targets, prints the figures and writes them to <c>soak.json</c> and <c>soak.md</c>.</summary>
internal static class SoakReport
{
    /// <summary>Growth allowed after the warm-up, end over start (issue 12: RSS growth ≤ 5 % after warm-up).</summary>
    public const double MaxGrowthPercent = 5;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the report; returns the targets missed (none: the soak passed).</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(
        BenchOptions options, CallersSoakResult? callers, SessionsSoakResult? sessions, string load, CancellationToken cancellationToken = default)
    {
        var missed = new List<string>();
        var text = new StringBuilder()
            .AppendLine("# Parley soak")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Server {options.Url} (pid {options.ServerPid}); machine: {Environment.ProcessorCount} cores; load average before the soak: {load}.")
            .AppendLine(CultureInfo.InvariantCulture, $"Target: after the warm-up, resident memory and open files grow by at most {MaxGrowthPercent} % (end over start), and no session fails.")
            .AppendLine();
        if (callers is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"## {callers.Callers} callers for {callers.Minutes} minutes")
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Each caller holds sessions of {options.Turns} turns (one in {options.BargeInEvery} a barge-in), thinking 0–3 s before each turn, and opens the next session when one ends. Sampled every 5 s; the first {callers.WarmupMinutes} minutes are the warm-up; start and end are the means of the first and last minute after it.")
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Sessions {callers.Sessions}, turns {callers.Turns}, answered {callers.AnsweredTurns}, errors {callers.Errors}, wall {callers.WallSeconds:0} s.")
                .AppendLine()
                .Append(Table(callers.Rss, callers.OpenFiles, callers.Threads, "per minute"))
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Idle server before: RSS {callers.IdleBefore.RssMiB:0.0} MiB, open files {callers.IdleBefore.OpenFiles}, threads {callers.IdleBefore.Threads}; 10 s after the last caller: RSS {callers.IdleAfter.RssMiB:0.0} MiB, open files {callers.IdleAfter.OpenFiles}, threads {callers.IdleAfter.Threads}.")
                .AppendLine();
            Judge($"{callers.Callers} callers", callers.Rss, callers.OpenFiles, callers.Errors, callers.ErrorMessages, missed);
        }

        if (sessions is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"## {sessions.Sessions} sessions one after another")
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Each session: start, a spoken question sent at once with a second of silence, the answer's first audio and text, stop, ended. Sampled after each session; the first {sessions.WarmupSessions} sessions are the warm-up; start and end are the means of {SessionsSoakResult.Edge} sessions.")
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Errors {sessions.Errors}, wall {sessions.WallSeconds:0} s ({sessions.WallSeconds / sessions.Sessions:0.00} s per session); before the first session: RSS {sessions.Samples[0].RssMiB:0.0} MiB, open files {sessions.Samples[0].OpenFiles}.")
                .AppendLine()
                .Append(Table(sessions.Rss, sessions.OpenFiles, sessions.Threads, "per 1000 sessions", scale: 1000))
                .AppendLine();
            Judge($"{sessions.Sessions} sessions", sessions.Rss, sessions.OpenFiles, sessions.Errors, sessions.ErrorMessages, missed);
        }

        text.AppendLine(missed.Count == 0 ? "Verdict: every target met." : "Verdict: missed:").AppendLine();
        foreach (var miss in missed)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {miss}");
        }

        Directory.CreateDirectory(options.OutDir);
        var json = JsonSerializer.Serialize(new { Load = load, Callers = callers, Sessions = sessions, Missed = missed }, Json);
        await File.WriteAllTextAsync(Path.Combine(options.OutDir, "soak.json"), json, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(options.OutDir, "soak.md"), text.ToString(), cancellationToken);
        Console.WriteLine();
        Console.Write(text);
        return missed;
    }

    private static string Table(Trend? rss, Trend? files, Trend? threads, string per, double scale = 1)
    {
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"| after warm-up | start | end | growth % | min | max | slope {per} |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, trend) in new[] { ("RSS MiB", rss), ("open files", files), ("threads", threads) })
        {
            table.AppendLine(trend is null
                ? $"| {name} | – | – | – | – | – | – |"
                : string.Create(CultureInfo.InvariantCulture, $"| {name} | {trend.Start:0.0} | {trend.End:0.0} | {trend.GrowthPercent:+0.0;-0.0;0.0} | {trend.Min:0.0} | {trend.Max:0.0} | {trend.SlopePerUnit * scale:+0.00;-0.00;0.00} |"));
        }

        return table.ToString();
    }

    private static void Judge(string phase, Trend? rss, Trend? files, int errors, IReadOnlyList<string> messages, List<string> missed)
    {
        if (rss is null || files is null)
        {
            missed.Add($"{phase}: too few samples after the warm-up to judge");
            return;
        }

        if (rss.GrowthPercent > MaxGrowthPercent)
        {
            missed.Add(string.Create(CultureInfo.InvariantCulture, $"{phase}: RSS grew {rss.GrowthPercent:0.0} % after the warm-up ({rss.Start:0.0} → {rss.End:0.0} MiB)"));
        }

        if (files.GrowthPercent > MaxGrowthPercent)
        {
            missed.Add(string.Create(CultureInfo.InvariantCulture, $"{phase}: open files grew {files.GrowthPercent:0.0} % after the warm-up ({files.Start:0.0} → {files.End:0.0})"));
        }

        if (errors > 0)
        {
            missed.Add($"{phase}: {errors} error(s), the first: {messages[0]}");
        }
    }
}
