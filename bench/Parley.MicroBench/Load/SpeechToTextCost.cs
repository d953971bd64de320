using System.Diagnostics;
using System.Globalization;
using Parley.Engines.SpeechToText;

namespace Parley.MicroBench.Load;

/// <summary>What recognising an utterance costs: CPU of the whole process tree and wall time per utterance, one at a time.</summary>
internal static class SpeechToTextCost
{
    public static async Task RunAsync(PocketSphinxOptions options, string label, int utterances, TextWriter output)
    {
        var frames = BenchmarkSpeech.Utterance.Chunk(SpeechToTextBenchmarks.FrameSamples).ToArray();
        var build = Stopwatch.StartNew();
        using var recognizer = new PocketSphinxRecognizer(options with { MinDecoders = 1, MaxDecoders = 1 });
        var built = build.Elapsed.TotalMilliseconds;
        var heard = await DecodeAsync(recognizer, frames);

        var opens = new List<double>();
        var cpu = ProcessTreeCpu.Seconds();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < utterances; i++)
        {
            var open = Stopwatch.StartNew();
            using var stream = await recognizer.OpenStreamAsync();
            opens.Add(open.Elapsed.TotalMilliseconds);
            foreach (var frame in frames)
            {
                stream.Push(frame);
                _ = stream.GetPartialText(); // The listener asks once per frame.
            }

            if (stream.Complete() != heard)
            {
                throw new InvalidOperationException("The same audio gave different words.");
            }
        }

        var cpuPer = (ProcessTreeCpu.Seconds() - cpu) / utterances;
        var wallPer = wall.Elapsed.TotalSeconds / utterances;
        var audio = (double)BenchmarkSpeech.Utterance.Length / BenchmarkSpeech.InputSampleRate;
        opens.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stt-cost [{label}]: \"{heard}\"; built in {built:F0} ms; per {audio:F2} s utterance: CPU {cpuPer * 1000:F0} ms (RTF {cpuPer / audio:F3}), wall {wallPer * 1000:F0} ms; open p50 {opens[opens.Count / 2]:F2} ms, max {opens[^1]:F2} ms"));
    }

    private static async Task<string> DecodeAsync(PocketSphinxRecognizer recognizer, short[][] frames)
    {
        using var stream = await recognizer.OpenStreamAsync();
        foreach (var frame in frames)
        {
            stream.Push(frame);
        }

        return stream.Complete();
    }
}
