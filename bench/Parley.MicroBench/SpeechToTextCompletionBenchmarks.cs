using BenchmarkDotNet.Attributes;
using Parley.Engines.SpeechToText;

namespace Parley.MicroBench;

/// <summary>PocketSphinx finalising an utterance whose audio has all been pushed: the STT share of "endpoint → first frame".</summary>
/// <remarks>Each iteration pushes the utterance in its setup (not measured), so each measurement is one call.</remarks>
[MemoryDiagnoser]
[InvocationCount(1, 1)]
public class SpeechToTextCompletionBenchmarks
{
    private PocketSphinxRecognizer _recognizer = null!;
    private short[][] _frames = null!;
    private ISpeechRecognitionStream? _stream;

    /// <summary>Creates one pooled decoder and cuts the utterance into frames.</summary>
    [GlobalSetup]
    public void CreateDecoder()
    {
        _recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MinDecoders = 1, MaxDecoders = 1 });
        _frames = BenchmarkSpeech.Utterance.Chunk(SpeechToTextBenchmarks.FrameSamples).ToArray();
    }

    /// <summary>Frees the decoder.</summary>
    [GlobalCleanup]
    public void FreeDecoder() => _recognizer.Dispose();

    /// <summary>Opens a stream and pushes the whole utterance, leaving only the final pass to measure.</summary>
    [IterationSetup]
    public void PushUtterance()
    {
        _stream = _recognizer.OpenStreamAsync().AsTask().GetAwaiter().GetResult();
        foreach (var frame in _frames)
        {
            _stream.Push(frame);
        }
    }

    /// <summary>Returns the decoder to the pool.</summary>
    [IterationCleanup]
    public void CloseStream()
    {
        _stream?.Dispose();
        _stream = null;
    }

    /// <summary>The final pass (<c>ps_end_utt</c> with <c>-fwdflat no -bestpath no</c>) and the final hypothesis.</summary>
    [Benchmark]
    public string CompleteAfterLastFrame() => _stream!.Complete();
}
