using System.Diagnostics;
using Parley.Engines.Audio;
using Parley.Engines.TextToSpeech;
using Parley.Engines.VoiceActivity;
using Xunit.Abstractions;

namespace Parley.Engines.Tests.VoiceActivity;

public sealed class SileroVoiceActivityDetectorTests(ITestOutputHelper output, SileroVoiceActivityDetectorTests.Detector fixture)
    : IClassFixture<SileroVoiceActivityDetectorTests.Detector>
{
    private const int SampleRate = 16000;
    private const int Frame = 512;

    // One second of silence, a synthesised question, one second of silence.
    private static readonly Lazy<Clip> Padded = new(() =>
    {
        var speech = new FliteSynthesizer().SynthesizeAsync("What is twelve times seven? I would like to know the answer.", "slt")
            .AsTask().GetAwaiter().GetResult();
        Assert.Equal(SampleRate, speech.SampleRate);
        var samples = new short[SampleRate + speech.Samples.Length + SampleRate];
        speech.Samples.CopyTo(samples, SampleRate);
        return new Clip(samples, SampleRate, SampleRate + speech.Samples.Length);
    });

    private readonly SileroVoiceActivityDetector _detector = fixture.Instance;

    [Fact]
    public void DescribesItsInput()
    {
        Assert.Equal("silero-v5", _detector.Name);
        Assert.Equal(16000, _detector.SampleRate);
        Assert.Equal(512, _detector.FrameSamples);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.003)]
    public void DetectsSpeechAndNotTheSilenceAroundIt(double noiseLevel)
    {
        var clip = Padded.Value;
        var samples = ToFloat(clip.Samples);
        AddNoise(samples, noiseLevel);
        using var stream = _detector.CreateStream();

        var probabilities = Run(stream, samples);

        var silent = new List<float>();
        var speech = new List<float>();
        var loud = new List<float>();
        for (var i = 0; i < probabilities.Length; i++)
        {
            var start = i * Frame;
            if (start + Frame <= clip.SpeechStart || start >= clip.SpeechEnd)
            {
                silent.Add(probabilities[i]);
            }
            else if (start >= clip.SpeechStart && start + Frame <= clip.SpeechEnd)
            {
                speech.Add(probabilities[i]);
                if (Pcm16.Rms(clip.Samples.AsSpan(start, Frame)) > 0.05f)
                {
                    loud.Add(probabilities[i]);
                }
            }
        }

        var speechShare = speech.Count(p => p > 0.5f) / (double)speech.Count;
        var loudShare = loud.Count(p => p > 0.5f) / (double)loud.Count;
        output.WriteLine($"noise {noiseLevel}: silence max {silent.Max():F3} over {silent.Count} frames; speech > 0.5 in {speechShare:P0} of {speech.Count} frames, {loudShare:P0} of {loud.Count} loud ones");
        Assert.True(silent.Count >= 60);
        Assert.All(silent, p => Assert.True(p < 0.2f, $"silent frame at {p:F3}"));

        // The synthesised speech has its own short pauses (between words and around the question mark).
        Assert.True(speechShare > 0.75, $"only {speechShare:P0} of speech frames above 0.5");
        Assert.True(loudShare > 0.95, $"only {loudShare:P0} of loud frames above 0.5");
    }

    [Fact]
    public void StreamsKeepTheirOwnState()
    {
        var speech = ToFloat(Padded.Value.Samples);
        var silence = new float[speech.Length];
        using var alone = _detector.CreateStream();
        var expected = Run(alone, speech);

        using var first = _detector.CreateStream();
        using var second = _detector.CreateStream();
        var interleaved = new float[expected.Length];
        for (var i = 0; i < interleaved.Length; i++)
        {
            interleaved[i] = first.Process(speech.AsSpan(i * Frame, Frame));
            Assert.True(second.Process(silence.AsSpan(i * Frame, Frame)) < 0.2f);
        }

        Assert.Equal(expected, interleaved);
    }

    [Fact]
    public async Task StreamsOnManyThreadsShareTheModel()
    {
        var speech = ToFloat(Padded.Value.Samples);
        using var alone = _detector.CreateStream();
        var expected = Run(alone, speech);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            using var stream = _detector.CreateStream();
            return Run(stream, speech);
        })));

        Assert.All(results, result => Assert.Equal(expected, result));
    }

    [Fact]
    public void ResetForgetsEverything()
    {
        var speech = ToFloat(Padded.Value.Samples);
        using var fresh = _detector.CreateStream();
        var expected = Run(fresh, speech);

        using var stream = _detector.CreateStream();
        Run(stream, speech.AsSpan(0, speech.Length / 2).ToArray());
        stream.Reset();

        Assert.Equal(expected, Run(stream, speech));
    }

    [Fact]
    public void RejectsFramesOfTheWrongSize()
    {
        using var stream = _detector.CreateStream();

        Assert.Throws<ArgumentException>(() => stream.Process(new float[Frame - 1]));
        Assert.Throws<ArgumentException>(() => stream.Process(new float[Frame + 1]));
    }

    [Fact]
    public void DisposedStreamRefusesWork()
    {
        var stream = _detector.CreateStream();
        stream.Dispose();
        stream.Dispose();

        Assert.Throws<ObjectDisposedException>(() => stream.Process(new float[Frame]));
        Assert.Throws<ObjectDisposedException>(stream.Reset);
    }

    [Fact]
    public void MissingModelIsReported() =>
        Assert.Throws<FileNotFoundException>(() => new SileroVoiceActivityDetector(new SileroOptions { ModelPath = "/nonexistent/silero.onnx" }));

    [Fact]
    public void MeasuresTheCostOfAFrame()
    {
        var speech = ToFloat(Padded.Value.Samples);
        using var stream = _detector.CreateStream();
        Run(stream, speech);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var timer = Stopwatch.StartNew();
        var frames = Run(stream, speech).Length;
        timer.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        output.WriteLine($"{timer.Elapsed.TotalMilliseconds / frames:F3} ms and {(double)(allocated - frames * sizeof(float)) / frames:F0} managed bytes per frame over {frames} frames");
    }

    private static float[] Run(IVoiceActivityStream stream, float[] samples)
    {
        var probabilities = new float[samples.Length / Frame];
        for (var i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = stream.Process(samples.AsSpan(i * Frame, Frame));
        }

        return probabilities;
    }

    private static float[] ToFloat(short[] samples)
    {
        var floats = new float[samples.Length];
        Pcm16.ToFloat(samples, floats);
        return floats;
    }

    private static void AddNoise(float[] samples, double level)
    {
        var random = new Random(1234);
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] += (float)(level * (random.NextDouble() * 2 - 1));
        }
    }

    private sealed record Clip(short[] Samples, int SpeechStart, int SpeechEnd);

    /// <summary>One model load shared by the tests of the class.</summary>
    public sealed class Detector : IDisposable
    {
        public SileroVoiceActivityDetector Instance { get; } = new();

        public void Dispose() => Instance.Dispose();
    }
}
