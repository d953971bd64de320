using BenchmarkDotNet.Attributes;
using Parley.Engines.SpeechToText;

namespace Parley.MicroBench;

/// <summary>PocketSphinx decoding the whole utterance as a session does: open a stream, push 32 ms frames, complete.</summary>
[MemoryDiagnoser]
public class SpeechToTextBenchmarks
{
    /// <summary>Samples per pushed frame: the VAD's 32 ms frame, which is what the listener forwards.</summary>
    public const int FrameSamples = 512;

    private PocketSphinxRecognizer _recognizer = null!;
    private short[][] _frames = null!;

    /// <summary>Creates one pooled decoder and cuts the utterance into frames.</summary>
    [GlobalSetup]
    public void CreateDecoder()
    {
        _recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MinDecoders = 1, MaxDecoders = 1 });
        _frames = BenchmarkSpeech.Utterance.Chunk(FrameSamples).ToArray();
        Console.WriteLine($"// STT heard \"{DecodeUtteranceIn32msFrames().GetAwaiter().GetResult()}\" for \"{BenchmarkSpeech.UtteranceText}\"");
    }

    /// <summary>Frees the decoder.</summary>
    [GlobalCleanup]
    public void FreeDecoder() => _recognizer.Dispose();

    /// <summary>Open (pooled decoder) → push every frame → final text → dispose (returns the decoder).</summary>
    [Benchmark]
    [AudioDuration(AudioClip.Utterance)]
    public async Task<string> DecodeUtteranceIn32msFrames()
    {
        using var stream = await _recognizer.OpenStreamAsync();
        foreach (var frame in _frames)
        {
            stream.Push(frame);
        }

        return stream.Complete();
    }
}
