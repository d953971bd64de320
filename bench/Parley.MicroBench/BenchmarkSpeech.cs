using Parley.Engines.TextToSpeech;
using Parley.Testing.Speech;

namespace Parley.MicroBench;

/// <summary>The speech the benchmarks use, synthesised at setup time (nothing is committed), and its durations.</summary>
public static class BenchmarkSpeech
{
    /// <summary>Rate of microphone audio and of the recogniser, the VAD and the Flite voices used here.</summary>
    public const int InputSampleRate = 16000;

    /// <summary>A caller's question of about 3 s (2.7 s of speech and Flite's padding), spoken by the <c>flite</c> command line in the tests' voice (rms).</summary>
    public const string UtteranceText = "when does the pharmacy open on saturday";

    /// <summary>The voice the server speaks with by default.</summary>
    public const string ReplyVoice = "slt";

    /// <summary>A typical two-sentence agent reply; the server synthesises it one sentence at a time.</summary>
    public static readonly IReadOnlyList<string> ReplySentences =
    [
        "The pharmacy opens at nine on Saturday morning.",
        "It closes at one in the afternoon, so there is plenty of time to pick up your prescription.",
    ];

    /// <summary>Silence after the speech, as a session's recogniser hears it before the turn ends (the server's default endpoint silence).</summary>
    public static readonly TimeSpan TrailingSilence = TimeSpan.FromMilliseconds(300);

    private static readonly Lazy<short[]> UtteranceSamples = new(() =>
        [.. TestSpeech.Say(UtteranceText, TestSpeech.DefaultVoice), .. TestSpeech.Silence(TrailingSilence)]);

    private static readonly Lazy<Dictionary<AudioClip, TimeSpan>> Durations = new(MeasureDurations);

    /// <summary>PCM16 mono 16 kHz samples of <see cref="UtteranceText"/> then <see cref="TrailingSilence"/> (speech cached in the temp folder by <see cref="TestSpeech"/>).</summary>
    public static short[] Utterance => UtteranceSamples.Value;

    /// <summary>How long <paramref name="clip"/> lasts; synthesises the speech clips on first use.</summary>
    public static TimeSpan DurationOf(AudioClip clip) => Durations.Value[clip];

    /// <summary>The loudest 512-sample frame of the utterance: certainly speech.</summary>
    public static short[] LoudestFrame(int frameSamples)
    {
        var samples = Utterance;
        var best = 0;
        var bestLevel = -1f;
        for (var offset = 0; offset + frameSamples <= samples.Length; offset += frameSamples)
        {
            var level = Engines.Audio.Pcm16.Rms(samples.AsSpan(offset, frameSamples));
            if (level > bestLevel)
            {
                bestLevel = level;
                best = offset;
            }
        }

        return samples.AsSpan(best, frameSamples).ToArray();
    }

    private static Dictionary<AudioClip, TimeSpan> MeasureDurations()
    {
        var synthesizer = new FliteSynthesizer();
        var sentences = ReplySentences
            .Select(text => synthesizer.SynthesizeAsync(text, ReplyVoice).AsTask().GetAwaiter().GetResult().Duration)
            .ToArray();
        return new Dictionary<AudioClip, TimeSpan>
        {
            [AudioClip.Utterance] = TimeSpan.FromSeconds((double)Utterance.Length / InputSampleRate),
            [AudioClip.Reply] = sentences.Aggregate(TimeSpan.Zero, (total, duration) => total + duration),
            [AudioClip.FirstReplySentence] = sentences[0],
            [AudioClip.OneSecond] = TimeSpan.FromSeconds(1),
            [AudioClip.FortyMilliseconds] = TimeSpan.FromMilliseconds(40),
        };
    }
}
