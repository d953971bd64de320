using System.Diagnostics;
using Parley.Engines.Audio;
using Parley.Engines.Tests.TestAudio;
using Parley.Engines.TextToSpeech;
using Xunit.Abstractions;

namespace Parley.Engines.Tests.TextToSpeech;

public sealed class FliteSynthesizerTests(ITestOutputHelper output)
{
    private const string Sentence = "The quick brown fox.";
    private readonly FliteSynthesizer _synthesizer = new();

    [Theory]
    [InlineData("slt", 16000)]
    [InlineData("kal", 8000)]
    [InlineData("kal16", 16000)]
    [InlineData("rms", 16000)]
    [InlineData("awb", 16000)]
    public async Task EachVoiceSpeaksASentence(string voice, int sampleRate)
    {
        await _synthesizer.SynthesizeAsync("Warm up.", voice);

        var timer = Stopwatch.StartNew();
        var speech = await _synthesizer.SynthesizeAsync(Sentence, voice);
        timer.Stop();

        output.WriteLine($"{voice}: {speech.Duration.TotalSeconds:F2} s of speech at {speech.SampleRate} Hz in {timer.Elapsed.TotalMilliseconds:F1} ms");
        Assert.Equal(sampleRate, speech.SampleRate);
        Assert.InRange(speech.Duration.TotalSeconds, 0.8, 3.0);
        Assert.True(Pcm16.Rms(speech.Samples) > 0.02, $"RMS {Pcm16.Rms(speech.Samples):F4}");
        Assert.True(Pcm16.Peak(speech.Samples) > 0.1, $"peak {Pcm16.Peak(speech.Samples):F4}");
    }

    [Fact]
    public void ListsItsVoicesAndDefault()
    {
        Assert.Equal(["slt", "kal", "kal16", "rms", "awb"], _synthesizer.Voices);
        Assert.Equal("slt", _synthesizer.DefaultVoice);
        Assert.Equal("awb", new FliteSynthesizer(new FliteOptions { DefaultVoice = "awb" }).DefaultVoice);
    }

    [Fact]
    public async Task UnknownVoiceThrows()
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await _synthesizer.SynthesizeAsync(Sentence, "hal9000"));
        Assert.Throws<ArgumentException>(() => new FliteSynthesizer(new FliteOptions { DefaultVoice = "hal9000" }));
    }

    [Fact]
    public async Task Syntheses_side_by_side_give_the_same_speech_as_one_at_a_time()
    {
        // Flite's globals are written only by flite_init and voice registration; a synthesis keeps its state per call.
        // Were that wrong, syntheses on several threads at once would corrupt each other's text analysis and audio.
        // kal16 (a diphone voice) is deterministic, so its audio must match byte for byte; the clustergen voices (slt,
        // rms, awb) draw their unvoiced noise from rand(), which differs on every call even one at a time, so for
        // them the timing (the sample count, fixed by the text analysis) must match.
        string[] sentences = ["The quick brown fox jumps over the lazy dog.", "What is twelve times seven? It is eighty four.", "Hello there, how can I help you today?"];
        string[] voices = ["kal16", "slt", "rms", "awb"];
        var alone = new Dictionary<(string, string), short[]>();
        foreach (var voice in voices)
        {
            foreach (var sentence in sentences)
            {
                alone[(voice, sentence)] = (await _synthesizer.SynthesizeAsync(sentence, voice)).Samples;
            }
        }

        var together = new FliteSynthesizer(new FliteOptions { MaxConcurrentSyntheses = 4 });
        var jobs = Enumerable.Range(0, 96).Select(i => (Voice: voices[i % voices.Length], Sentence: sentences[(i / voices.Length) % sentences.Length])).ToArray();
        var heard = await Task.WhenAll(jobs.Select(job => Task.Run(async () => (await together.SynthesizeAsync(job.Sentence, job.Voice)).Samples)));

        for (var i = 0; i < jobs.Length; i++)
        {
            var expected = alone[jobs[i]];
            Assert.True(expected.Length == heard[i].Length, $"'{jobs[i].Sentence}' in {jobs[i].Voice}: {heard[i].Length} samples beside others, {expected.Length} alone");
            if (jobs[i].Voice == "kal16")
            {
                Assert.True(expected.AsSpan().SequenceEqual(heard[i]), $"'{jobs[i].Sentence}' in kal16 differs when synthesised beside others");
            }
        }
    }

    [Fact]
    public void Refuses_fewer_than_one_synthesis_at_a_time()
    {
        Assert.Throws<ArgumentException>(() => new FliteSynthesizer(new FliteOptions { MaxConcurrentSyntheses = 0 }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t ")]
    public async Task EmptyTextGivesEmptySpeechAtTheVoicesRate(string text)
    {
        var speech = await _synthesizer.SynthesizeAsync(text, "kal");

        Assert.Empty(speech.Samples);
        Assert.Equal(8000, speech.SampleRate);
    }

    [Fact]
    public async Task HonoursCancellationBeforeStarting()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _synthesizer.SynthesizeAsync(Sentence, "slt", cancellation.Token));
    }

    [Fact]
    public async Task ConcurrentSynthesisGivesTheSameSpeechAsOneAtATime()
    {
        string[] voices = ["slt", "rms", "awb", "kal16"];
        var expected = new Dictionary<string, short[]>();
        foreach (var voice in voices)
        {
            expected[voice] = (await _synthesizer.SynthesizeAsync(Sentence, voice)).Samples;
        }

        var results = await Task.WhenAll(voices.SelectMany(voice => Enumerable.Repeat(voice, 3)).Select(voice =>
            Task.Run(async () => (voice, speech: await _synthesizer.SynthesizeAsync(Sentence, voice)))));

        foreach (var (voice, speech) in results)
        {
            // The unit-selection voices (slt, rms, awb) add random noise to unvoiced sounds, so only their length and
            // level repeat; the diphone voice kal16 is bit-exact, which shows calls did not interfere.
            Assert.Equal(expected[voice].Length, speech.Samples.Length);
            Assert.InRange(Signal.Decibels(Pcm16.Rms(speech.Samples) / Pcm16.Rms(expected[voice])), -1, 1);
            if (voice == "kal16")
            {
                Assert.Equal(expected[voice], speech.Samples);
            }
        }
    }
}
