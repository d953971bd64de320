using BenchmarkDotNet.Attributes;
using Parley.Engines.Audio;
using Parley.Engines.TextToSpeech;
using Parley.Protocol;

namespace Parley.MicroBench;

/// <summary>libsoxr (HQ, one thread, one-shot per call as <see cref="SoxrResampler"/> does) on the rates the server converts.</summary>
/// <remarks>
/// The server resamples only agent speech, a whole synthesised piece at a time, to the wire's 24 kHz: 16 kHz from
/// the slt, rms, awb and kal16 voices, 8 kHz from the kal voice. Microphone audio arrives at 16 kHz, the VAD and
/// STT rate, and is not resampled.
/// </remarks>
[MemoryDiagnoser]
public class ResamplingBenchmarks
{
    private readonly SoxrResampler _resampler = new();
    private short[] _oneSecondAt16k = null!;
    private short[] _fortyMillisecondsAt16k = null!;
    private short[] _oneSecondAt8k = null!;

    /// <summary>Takes speech from the utterance (16 kHz) and from Flite's kal voice (8 kHz).</summary>
    [GlobalSetup]
    public void PrepareSpeech()
    {
        var utterance = BenchmarkSpeech.Utterance;
        _oneSecondAt16k = utterance.AsSpan(0, 16000).ToArray();
        _fortyMillisecondsAt16k = utterance.AsSpan(8000, 640).ToArray();
        var kal = new FliteSynthesizer().SynthesizeAsync(BenchmarkSpeech.ReplySentences[1], "kal").AsTask().GetAwaiter().GetResult();
        if (kal.SampleRate != 8000 || kal.Samples.Length < 8000)
        {
            throw new InvalidOperationException($"Expected at least 1 s at 8 kHz from kal, got {kal.Samples.Length} samples at {kal.SampleRate} Hz.");
        }

        _oneSecondAt8k = kal.Samples.AsSpan(0, 8000).ToArray();
    }

    /// <summary>1 s of agent speech, 16 → 24 kHz.</summary>
    [Benchmark]
    [AudioDuration(AudioClip.OneSecond)]
    public short[] Resample16kTo24kOneSecond() => _resampler.Resample(_oneSecondAt16k, 16000, AudioFormats.OutputSampleRate);

    /// <summary>One 40 ms frame, 16 → 24 kHz (one-shot: filter start-up and flush included in every call).</summary>
    [Benchmark]
    [AudioDuration(AudioClip.FortyMilliseconds)]
    public short[] Resample16kTo24kOne40msFrame() => _resampler.Resample(_fortyMillisecondsAt16k, 16000, AudioFormats.OutputSampleRate);

    /// <summary>1 s of the kal voice, 8 → 24 kHz.</summary>
    [Benchmark]
    [AudioDuration(AudioClip.OneSecond)]
    public short[] Resample8kTo24kOneSecond() => _resampler.Resample(_oneSecondAt8k, 8000, AudioFormats.OutputSampleRate);
}
