using BenchmarkDotNet.Attributes;
using Parley.Engines.Audio;
using Parley.Engines.VoiceActivity;

namespace Parley.MicroBench;

/// <summary>Silero VAD v5: one 512-sample (32 ms at 16 kHz) frame of speech through a session's stream.</summary>
[MemoryDiagnoser]
public class VoiceActivityBenchmarks
{
    private SileroVoiceActivityDetector _detector = null!;
    private IVoiceActivityStream _stream = null!;
    private float[] _speechFrame = null!;

    /// <summary>Loads the model, opens one stream and picks the loudest frame of the utterance.</summary>
    [GlobalSetup]
    public void LoadModel()
    {
        _detector = new SileroVoiceActivityDetector();
        _stream = _detector.CreateStream();
        var samples = BenchmarkSpeech.LoudestFrame(_detector.FrameSamples);
        _speechFrame = new float[samples.Length];
        Pcm16.ToFloat(samples, _speechFrame);
        var probability = _stream.Process(_speechFrame);
        Console.WriteLine($"// VAD speech probability of the benchmark frame: {probability:F3}");
    }

    /// <summary>Frees the stream and the model.</summary>
    [GlobalCleanup]
    public void Unload()
    {
        _stream.Dispose();
        _detector.Dispose();
    }

    /// <summary>One frame: copy in, one model run, state carried over (the recurrent state evolves from call to call, as in a session).</summary>
    [Benchmark]
    public float ProcessOneSpeechFrame() => _stream.Process(_speechFrame);
}
