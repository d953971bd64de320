using System.Text;

namespace Parley.Server.Tests.VoiceConsole.Hearing;

/// <summary>The comparison as a person reads it: page against direct per voice, then every session's transcripts.</summary>
public static class HearingReport
{
    public static string Format(HearingPlan plan, string constraints, IReadOnlyList<HearingRun> runs, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine($"Hearing comparison, plan '{plan.Name}': {plan.Questions.Count} questions x {plan.Voices.Count} voices x {plan.Runs} runs, {elapsed.TotalSeconds:F0} s");
        text.AppendLine($"Page capture constraints: {constraints}");
        text.AppendLine();
        text.AppendLine("| voice | path | word errors | unanswered | answers lost to timing |");
        text.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var voice in plan.Voices)
        {
            foreach (var path in new[] { "page", "direct" })
            {
                var score = Total(runs, voice, path);
                text.AppendLine($"| {voice} | {path} | {score.WordErrors}/{score.Words} ({Percent(score.WordErrors, score.Words)}) | {score.Unanswered}/{score.Questions} | {score.LostReplies} |");
            }
        }

        text.AppendLine();
        foreach (var run in runs.OrderBy(r => r.Voice, StringComparer.Ordinal).ThenBy(r => r.Run).ThenByDescending(r => r.Path, StringComparer.Ordinal))
        {
            text.AppendLine($"{run.Voice} {run.Path} run {run.Run}: {run.Score}{(run.Capture.Length > 0 ? $"; {run.Capture}" : string.Empty)}");
            text.AppendLine($"  heard:   {string.Join(" | ", run.Heard)}");
            text.AppendLine($"  replies: {string.Join(" | ", run.Replies)}");
            if (run.Timeline.Length > 0)
            {
                text.AppendLine($"  timeline: {run.Timeline}");
            }
        }

        return text.ToString();
    }

    /// <summary>The sum of the sessions of one voice through one path.</summary>
    public static HearingScore Total(IEnumerable<HearingRun> runs, string voice, string path)
        => runs.Where(r => r.Voice == voice && r.Path == path).Aggregate(HearingScore.Zero, (sum, run) => sum + run.Score);

    private static string Percent(int part, int whole) => whole == 0 ? "-" : $"{100.0 * part / whole:F1} %";
}
