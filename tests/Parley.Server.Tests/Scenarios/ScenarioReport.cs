using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Server.Tests.Scenarios;

/// <summary>The turn-taking figures from many scenario runs: rates and latency percentiles, as markdown and JSON.</summary>
public sealed class ScenarioReport(IReadOnlyList<ScenarioResult> results, int runs)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly string[] FalseInterruptionKinds = ["echo", "noise", "backchannel"];

    public string ToMarkdown()
    {
        var summary = Summarise();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| Figure | Value |");
        text.AppendLine("|---|---|");
        foreach (var (figure, value) in summary)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {value} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Per scenario ({runs} runs each):");
        text.AppendLine();
        text.AppendLine("| Scenario | Kind | Expected | Met | Barge-in p50 | End of speech → audio p50 | Failures seen |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var group in results.GroupBy(r => r.Scenario.Name))
        {
            var first = group.First().Scenario;
            var failures = string.Join("; ", group.Where(r => !r.Passed).Select(r => r.Failure).Distinct().Take(2));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {first.Name} | {first.Kind} | {first.Expected} | {group.Count(r => r.Passed)}/{group.Count()} | {Percentile(group.Select(r => r.BargeInLatency), 50)} | {Percentile(group.Select(r => r.ResponseLatency), 50)} | {failures.Replace("|", "/", StringComparison.Ordinal)} |");
        }

        return text.ToString();
    }

    public string ToJson()
    {
        var document = new
        {
            runs,
            summary = Summarise().ToDictionary(p => p.Figure, p => p.Value),
            results = results.Select(r => new
            {
                scenario = r.Scenario.Name,
                kind = r.Scenario.Kind,
                expected = r.Scenario.Expected.ToString(),
                passed = r.Passed,
                failure = r.Failure,
                userTurns = r.UserTurns,
                interrupted = r.Interrupted,
                interruptedBeforeSpeech = r.InterruptedBeforeSpeech,
                bargeInMs = r.BargeInLatency?.TotalMilliseconds,
                responseMs = r.ResponseLatency?.TotalMilliseconds,
                prematureEndpoint = r.PrematureEndpoint,
                resumeGapMs = r.ResumeGap?.TotalMilliseconds,
            }),
        };
        return JsonSerializer.Serialize(document, Indented);
    }

    private List<(string Figure, string Value)> Summarise()
    {
        var figures = new List<(string, string)>();
        var turns = results.Where(r => r.Scenario.Expected is UserTurnExpectation).ToList();
        figures.Add(("Premature-endpoint rate", Rate(turns.Count(r => r.PrematureEndpoint), turns.Count)));
        var quiet = results.Where(r => r.Scenario.Expected is NoInterruptionExpectation or NoTurnExpectation).ToList();
        figures.Add(("False-interruption rate, not recovered (all): a turn heard, or cut and never resumed", Rate(quiet.Count(r => r.UnrecoveredFalseInterruption), quiet.Count)));
        figures.Add(("Agent cut off at all (all), resumed or not", Rate(quiet.Count(r => r.FalseInterruption), quiet.Count)));
        foreach (var kind in FalseInterruptionKinds)
        {
            var ofKind = quiet.Where(r => r.Scenario.Kind == kind).ToList();
            figures.Add(($"False-interruption rate, not recovered ({kind})", Rate(ofKind.Count(r => r.UnrecoveredFalseInterruption), ofKind.Count)));
            figures.Add(($"Agent cut off at all ({kind})", Rate(ofKind.Count(r => r.FalseInterruption), ofKind.Count)));
        }

        var gaps = quiet.Select(r => r.ResumeGap).ToList();
        figures.Add(("Resumed false interruptions: gap p50 (interrupted → the agent's audio again)", Percentile(gaps, 50)));
        figures.Add(("Resumed false interruptions: gap p95", Percentile(gaps, 95)));

        var bargeIns = results.Where(r => r.Scenario.Expected is InterruptionExpectation).ToList();
        var judged = bargeIns.Where(r => !r.InterruptedBeforeSpeech).ToList();
        figures.Add(("Missed-barge-in rate", Rate(judged.Count(r => r.MissedBargeIn), judged.Count)));
        figures.Add(("Barge-ins cut, then resumed with no turn heard (the user's words lost)", Rate(judged.Count(r => r.ResumedOverBargeIn), judged.Count)));
        figures.Add(("Barge-in runs cut off by a false interruption before the user spoke", Rate(bargeIns.Count(r => r.InterruptedBeforeSpeech), bargeIns.Count)));
        var bargeInLatency = bargeIns.Select(r => r.BargeInLatency).ToList();
        figures.Add(("Barge-in latency p50 (speech onset → interrupted)", Percentile(bargeInLatency, 50)));
        figures.Add(("Barge-in latency p95", Percentile(bargeInLatency, 95)));
        var response = turns.Select(r => r.ResponseLatency).ToList();
        figures.Add(("End of speech → first audio p50", Percentile(response, 50)));
        figures.Add(("End of speech → first audio p95", Percentile(response, 95)));
        figures.Add(("Scenarios meeting their expectation", Rate(results.Count(r => r.Passed), results.Count)));
        return figures;
    }

    private static string Rate(int count, int of)
        => of == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * count / of:F1} % ({count}/{of})");

    /// <summary>Nearest-rank percentile of the values present.</summary>
    private static string Percentile(IEnumerable<TimeSpan?> values, int percentile)
    {
        var sorted = values.OfType<TimeSpan>().Select(v => v.TotalMilliseconds).Order().ToList();
        if (sorted.Count == 0)
        {
            return "-";
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)]:F0} ms (n={sorted.Count})");
    }
}
