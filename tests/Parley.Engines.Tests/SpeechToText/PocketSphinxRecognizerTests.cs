using System.Diagnostics;
using Parley.Engines.SpeechToText;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Engines.Tests.SpeechToText;

/// <summary>The recogniser's contract, the same in both modes.</summary>
public sealed class PocketSphinxRecognizerTests(ITestOutputHelper output)
{
    private const int ChunkSamples = 512;

    public static TheoryData<PocketSphinxMode> Modes => [PocketSphinxMode.Forked, PocketSphinxMode.InProcess];

    // Spoken by the flite command line with a voice the server does not use (slt), so the test does not lean on the
    // synthesiser under test, and framed by silence as voice-activity-gated audio is. (awb is recognised less
    // reliably: "what is twelve times said and".)
    private static readonly Lazy<short[]> Question = new(() =>
    {
        var silence = TestSpeech.Silence(TimeSpan.FromMilliseconds(300));
        return [.. silence, .. TestSpeech.Say("what is twelve times seven", "rms"), .. silence];
    });

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task RecognisesAQuestionWhileItIsSpoken(PocketSphinxMode mode)
    {
        var timer = Stopwatch.StartNew();
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { Mode = mode });
        output.WriteLine($"{mode}: constructor: {timer.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(16000, recognizer.SampleRate);
        Assert.Equal(mode, recognizer.Mode);

        timer.Restart();
        using var stream = await recognizer.OpenStreamAsync();
        output.WriteLine($"open: {timer.Elapsed.TotalMilliseconds:F2} ms");

        var partials = new List<string>();
        var feeding = TimeSpan.Zero;
        foreach (var chunk in Question.Value.Chunk(ChunkSamples))
        {
            timer.Restart();
            stream.Push(chunk);
            var partial = stream.GetPartialText();
            feeding += timer.Elapsed;
            if (partial.Length > 0 && (partials.Count == 0 || partials[^1] != partial))
            {
                partials.Add(partial);
            }
        }

        timer.Restart();
        var text = stream.Complete();
        output.WriteLine($"push + partial for {Question.Value.Length / 16000.0:F2} s of audio: {feeding.TotalMilliseconds:F0} ms; complete: {timer.Elapsed.TotalMilliseconds:F2} ms");
        output.WriteLine($"partials: {string.Join(" | ", partials)}");
        output.WriteLine($"final: {text}");

        Assert.NotEmpty(partials);
        Assert.Equal("what is twelve times seven", text);
        Assert.Equal(text, stream.Complete());
        Assert.Equal(text, stream.GetPartialText());
        Assert.Throws<InvalidOperationException>(() => stream.Push(new short[ChunkSamples]));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task ThirdStreamWaitsForADecoderWhenTwoAreInUse(PocketSphinxMode mode)
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { Mode = mode, MinDecoders = 1, MaxDecoders = 2 });

        var first = await recognizer.OpenStreamAsync();
        var second = await recognizer.OpenStreamAsync();
        var third = recognizer.OpenStreamAsync().AsTask();

        await Task.Delay(300);
        Assert.False(third.IsCompleted);

        first.Dispose();
        using var stream = await third.WaitAsync(TimeSpan.FromSeconds(10));
        second.Dispose();
        if (mode == PocketSphinxMode.InProcess)
        {
            Assert.Equal(2, recognizer.Pool.Created);
        }

        // The decoder handed over mid-utterance was reset: it recognises a fresh utterance.
        Assert.Equal("what is twelve times seven", Recognise(stream));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task CancellingAWaitLeavesTheRecognizerUsable(PocketSphinxMode mode)
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { Mode = mode, MinDecoders = 1, MaxDecoders = 1 });
        var first = await recognizer.OpenStreamAsync();
        using var cancellation = new CancellationTokenSource();

        var waiting = recognizer.OpenStreamAsync(cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        first.Dispose();
        using var stream = await recognizer.OpenStreamAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("what is twelve times seven", Recognise(stream));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task DisposingWithoutCompletingLeavesACleanDecoderForTheNextStream(PocketSphinxMode mode)
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { Mode = mode, MinDecoders = 1, MaxDecoders = 1 });
        var abandoned = await recognizer.OpenStreamAsync();
        abandoned.Push(Question.Value.AsSpan(0, Question.Value.Length / 2));
        abandoned.Dispose();
        abandoned.Dispose();
        Assert.Throws<ObjectDisposedException>(() => abandoned.Push(new short[ChunkSamples]));

        using var stream = await recognizer.OpenStreamAsync();
        Assert.Equal("what is twelve times seven", Recognise(stream));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task SilenceGivesEmptyText(PocketSphinxMode mode)
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { Mode = mode });
        using var stream = await recognizer.OpenStreamAsync();

        stream.Push(new short[16000]);

        Assert.Equal(string.Empty, stream.GetPartialText());
        Assert.Equal(string.Empty, stream.Complete());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task ADisposedRecognizerRefusesStreamsAndOpenOnesFinish(PocketSphinxMode mode)
    {
        var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { Mode = mode, MinDecoders = 1, MaxDecoders = 1 });
        var stream = await recognizer.OpenStreamAsync();
        var waiting = recognizer.OpenStreamAsync().AsTask();

        recognizer.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await recognizer.OpenStreamAsync());
        Assert.Equal("what is twelve times seven", Recognise(stream));
        stream.Dispose();
        if (mode == PocketSphinxMode.InProcess)
        {
            Assert.Equal(0, recognizer.Pool.Created);
        }
    }

    [Fact]
    public void LazyPoolCreatesNoDecoderUpFront()
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { Mode = PocketSphinxMode.InProcess, MinDecoders = 0 });

        Assert.Equal(0, recognizer.Pool.Created);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void RejectsBadOptions(PocketSphinxMode mode)
    {
        var options = new PocketSphinxOptions { Mode = mode };
        Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(options with { MinDecoders = 3, MaxDecoders = 2 }));
        Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(options with { MaxDecoders = 0 }));
        Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(options with { ReplyTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(options with { ExtraArguments = ["-beam"] }));
        Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(options with { ExtraArguments = ["-logfn", "x.log"] }));
        Assert.Throws<FileNotFoundException>(() => new PocketSphinxRecognizer(options with { ModelDirectory = "/nonexistent" }));
        var refused = Assert.Throws<InvalidOperationException>(() => new PocketSphinxRecognizer(options with { ExtraArguments = ["-no_such_option", "1"] }));
        output.WriteLine(refused.Message);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task ExtraArgumentsOverrideTheDefaults(PocketSphinxMode mode)
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { Mode = mode, ExtraArguments = ["-bestpath", "yes", "-maxwpf", "-1"] });
        using var stream = await recognizer.OpenStreamAsync();

        Assert.Contains("twelve", Recognise(stream));
    }

    private static string Recognise(ISpeechRecognitionStream stream)
    {
        foreach (var chunk in Question.Value.Chunk(ChunkSamples))
        {
            stream.Push(chunk);
        }

        return stream.Complete();
    }
}
