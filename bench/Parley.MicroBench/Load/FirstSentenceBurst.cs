using System.Diagnostics;
using System.Globalization;
using Parley.Engines.TextToSpeech;

namespace Parley.MicroBench.Load;

/// <summary>Many replies starting at the same instant: how long each waits for its first sentence.</summary>
/// <remarks>
/// Each reply asks for its first sentence (urgent: someone is waiting for it), then for its second (not urgent: it is
/// synthesised while the first plays), as the server does. The figure is start → first sentence synthesised, per
/// reply; p50/p95 over every reply of every round. This is the TTS share of "endpoint → first frame" when N callers
/// stop speaking together.
/// </remarks>
internal static class FirstSentenceBurst
{
    /// <summary>Runs <paramref name="rounds"/> bursts of <paramref name="replies"/> replies and prints the percentiles.</summary>
    /// <param name="synthesizer">The engine, already configured.</param>
    /// <param name="replies">Replies starting together.</param>
    /// <param name="rounds">Bursts, one after the other.</param>
    /// <param name="urgency">Whether first sentences go ahead of second ones; without, every piece is marked urgent, so all wait first come, first served.</param>
    /// <param name="output">Where the figures go.</param>
    public static async Task RunAsync(FliteSynthesizer synthesizer, int replies, int rounds, bool urgency, TextWriter output)
    {
        var first = BenchmarkSpeech.ReplySentences[0];
        var second = BenchmarkSpeech.ReplySentences[1];
        await synthesizer.SynthesizeAsync(first, BenchmarkSpeech.ReplyVoice); // Loads the voice.

        var firstMs = new List<double>();
        var allMs = new List<double>();
        var cpu = ProcessTreeCpu.Seconds();
        var wall = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clock = new Stopwatch();
            var tasks = Enumerable.Range(0, replies).Select(async _ =>
            {
                // Every reply continues on the thread pool when the start is given, as replies do in the server.
                await start.Task;
                await synthesizer.SynthesizeAsync(first, BenchmarkSpeech.ReplyVoice, urgent: true);
                var firstDone = clock.Elapsed.TotalMilliseconds;
                await synthesizer.SynthesizeAsync(second, BenchmarkSpeech.ReplyVoice, urgent: !urgency);
                return (firstDone, all: clock.Elapsed.TotalMilliseconds);
            }).ToArray();

            clock.Start();
            start.SetResult();
            foreach (var (firstDone, all) in await Task.WhenAll(tasks))
            {
                firstMs.Add(firstDone);
                allMs.Add(all);
            }
        }

        var cpuUsed = ProcessTreeCpu.Seconds() - cpu;
        firstMs.Sort();
        allMs.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tts-burst: {replies} replies at once x {rounds} rounds{(urgency ? "" : ", no urgency")}: first sentence p50 {Percentile(firstMs, 50):F0} ms, p95 {Percentile(firstMs, 95):F0} ms, max {firstMs[^1]:F0} ms; " +
            $"both sentences p50 {Percentile(allMs, 50):F0} ms, p95 {Percentile(allMs, 95):F0} ms; CPU {cpuUsed:F2} s in {wall.Elapsed.TotalSeconds:F2} s"));
    }

    private static double Percentile(List<double> sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
