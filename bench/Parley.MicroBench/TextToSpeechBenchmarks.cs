using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Parley.Engines.Audio;
using Parley.Engines.TextToSpeech;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;

namespace Parley.MicroBench;

/// <summary>Flite (voice slt) synthesising a two-sentence reply, sentence by sentence as the server does.</summary>
/// <remarks>
/// Flite returns a whole sentence at once (no streaming), so the time to first audio is the time to synthesise the
/// first sentence; <see cref="FirstSentenceToFirstFrameJson"/> adds what the server does before it can send that audio.
/// </remarks>
[MemoryDiagnoser]
public class TextToSpeechBenchmarks
{
    private const int OutputFrameSamples = AudioFormats.OutputSampleRate * 40 / 1000;

    private readonly FliteSynthesizer _synthesizer = new();
    private readonly SoxrResampler _resampler = new();

    /// <summary>Loads the voice, so that the first measured call does not pay for it.</summary>
    [GlobalSetup]
    public void LoadVoice()
    {
        var first = SynthesizeTwoSentenceReply();
        Console.WriteLine($"// TTS reply: {first.TotalSeconds:F2} s of speech at 16 kHz");
    }

    /// <summary>Total time: both sentences, one after the other.</summary>
    [Benchmark]
    [AudioDuration(AudioClip.Reply)]
    public TimeSpan SynthesizeTwoSentenceReply()
    {
        var total = TimeSpan.Zero;
        foreach (var sentence in BenchmarkSpeech.ReplySentences)
        {
            total += Synthesize(sentence).Duration;
        }

        return total;
    }

    /// <summary>Time to first audio from the engine: the first sentence, which Flite returns whole.</summary>
    [Benchmark]
    [AudioDuration(AudioClip.FirstReplySentence)]
    public SynthesizedSpeech SynthesizeFirstSentence() => Synthesize(BenchmarkSpeech.ReplySentences[0]);

    /// <summary>The server's path to its first frame: first sentence, resampled to 24 kHz, first 40 ms framed as an <c>audio</c> message.</summary>
    [Benchmark]
    [AudioDuration(AudioClip.FirstReplySentence)]
    public byte[] FirstSentenceToFirstFrameJson()
    {
        var speech = Synthesize(BenchmarkSpeech.ReplySentences[0]);
        var samples = _resampler.Resample(speech.Samples, speech.SampleRate, AudioFormats.OutputSampleRate);
        var frame = samples.AsSpan(0, Math.Min(OutputFrameSamples, samples.Length));
        var data = Convert.ToBase64String(MemoryMarshal.AsBytes(frame));
        return VoiceMessageCodec.Serialize(new AudioMessage(new AudioPayload { Data = data, MimeType = AudioFormats.OutputMimeType }));
    }

    // FliteSynthesizer completes synchronously: the ValueTask is already done.
    private SynthesizedSpeech Synthesize(string text) =>
        _synthesizer.SynthesizeAsync(text, BenchmarkSpeech.ReplyVoice).AsTask().GetAwaiter().GetResult();
}
