using System.Globalization;
using Parley.Engines.SpeechToText;
using Parley.Testing.Speech;

namespace Parley.MicroBench.Load;

/// <summary>Whether two decoder configurations hear the same words on every clip the tests and benchmarks speak.</summary>
/// <remarks>Each clip as the tests make it: <c>flite</c> in their voice (rms unless they choose another), 300 ms of silence either side.</remarks>
internal static class SpeechToTextWords
{
    // Every sentence the tests and benchmarks synthesise for the recogniser (tests/ and bench/, grep "Say(").
    private static readonly (string Text, string Voice)[] Clips =
    [
        ("what is twelve times seven", "rms"), ("what time is it", "rms"), ("what is two plus two", "rms"),
        ("what is uh", "rms"), ("what is twelve times seven and", "rms"), ("wait what time is it", "rms"),
        ("twelve times seven", "rms"), ("okay", "rms"), ("yeah", "rms"), ("what is twenty", "rms"),
        ("what is the launch code for project mercury", "rms"), ("what is my name", "rms"),
        ("wait, what time is it in new york", "rms"), ("wait, what time is it in new york please", "rms"),
        ("uh huh", "rms"), ("that is all thank you goodbye", "rms"), ("stop", "rms"), ("right", "rms"),
        ("please remember the number forty two and then", "rms"), ("my name is alice", "rms"), ("five times seven", "rms"),
        ("when does the pharmacy open on saturday", "rms"), ("what can you do", "rms"), ("wait, what is nine plus four", "rms"),
        ("I can tell you the time or the date, and do simple arithmetic, like twelve times seven.", "slt"),
    ];

    public static async Task RunAsync(PocketSphinxOptions baseline, PocketSphinxOptions candidate, string label, TextWriter output)
    {
        using var before = new PocketSphinxRecognizer(baseline with { MinDecoders = 1, MaxDecoders = 1 });
        using var after = new PocketSphinxRecognizer(candidate with { MinDecoders = 1, MaxDecoders = 1 });
        var differ = 0;
        output.WriteLine($"stt-words: baseline [{string.Join(' ', baseline.ExtraArguments)}] vs [{label}]");
        foreach (var (text, voice) in Clips)
        {
            short[] audio = [.. TestSpeech.Silence(TimeSpan.FromMilliseconds(300)), .. TestSpeech.Say(text, voice), .. TestSpeech.Silence(TimeSpan.FromMilliseconds(300))];
            var heardBefore = await HearAsync(before, audio);
            var heardAfter = await HearAsync(after, audio);
            differ += heardBefore == heardAfter ? 0 : 1;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {(heardBefore == heardAfter ? "same" : "DIFF")}  \"{text}\" ({voice}): \"{heardBefore}\"{(heardBefore == heardAfter ? "" : $" -> \"{heardAfter}\"")}"));
        }

        output.WriteLine($"stt-words: {Clips.Length - differ} of {Clips.Length} clips heard the same");
    }

    private static async Task<string> HearAsync(PocketSphinxRecognizer recognizer, short[] audio)
    {
        using var stream = await recognizer.OpenStreamAsync();
        foreach (var frame in audio.Chunk(SpeechToTextBenchmarks.FrameSamples))
        {
            stream.Push(frame);
        }

        return stream.Complete();
    }
}
