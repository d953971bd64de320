using Microsoft.Extensions.Logging.Abstractions;
using Parley.Engines.Speech;
using Parley.Engines.TextToSpeech;

namespace Parley.Engines.Tests.Speech;

public sealed class SynthesizerWrapperTests
{
    private static readonly SpeechEngineException Stalled = new("stalled") { Retryable = true };
    private static readonly SpeechEngineException Refused = new("401") { StatusCode = 401 };

    [Fact]
    public async Task A_failure_before_any_audio_is_tried_again_then_the_fallback_says_the_whole_piece_in_its_own_voice()
    {
        var remote = new FakeSynthesizer("remote", failAt: (_, word) => word == 0 ? Stalled : null);
        var flite = new FakeSynthesizer("flite");
        var chunks = await SayAsync(new FallbackSpeechSynthesizer(remote, flite, NullLogger.Instance, maxRetries: 1), "one two three");
        Assert.Equal(3, chunks.Count);
        Assert.Equal(2, remote.Asked.Count);
        Assert.Equal(["one two three"], flite.Asked);
    }

    [Fact]
    public async Task A_failure_midway_hands_over_the_words_not_yet_spoken_known_from_the_timings()
    {
        var remote = new FakeSynthesizer("remote", timed: true, failAt: (_, word) => word == 2 ? Refused : null);
        var flite = new FakeSynthesizer("flite");
        var chunks = await SayAsync(new FallbackSpeechSynthesizer(remote, flite, NullLogger.Instance), "one two three four");
        Assert.Equal(["three four"], flite.Asked);
        Assert.Equal(4, chunks.Count);
    }

    [Fact]
    public async Task Without_timings_the_words_spoken_are_estimated_from_the_audio()
    {
        // 2 chunks of 400 ms = 0.8 s at 2.5 words a second: 2 words heard.
        var remote = new FakeSynthesizer("remote", failAt: (_, word) => word == 2 ? Refused : null);
        var flite = new FakeSynthesizer("flite");
        await SayAsync(new FallbackSpeechSynthesizer(remote, flite, NullLogger.Instance), "one two three four");
        Assert.Equal(["three four"], flite.Asked);
    }

    [Fact]
    public async Task A_piece_that_succeeds_is_passed_through_untouched()
    {
        var flite = new FakeSynthesizer("flite");
        var chunks = await SayAsync(new FallbackSpeechSynthesizer(new FakeSynthesizer("remote", timed: true), flite, NullLogger.Instance), "all good");
        Assert.Equal(2, chunks.Count);
        Assert.All(chunks, c => Assert.NotNull(c.Words));
        Assert.Empty(flite.Asked);
    }

    private static async Task<List<SpeechChunk>> SayAsync(ISpeechSynthesizer synthesizer, string text)
    {
        var chunks = new List<SpeechChunk>();
        await foreach (var chunk in synthesizer.SynthesizeAsync(new SynthesisRequest(text, synthesizer.DefaultVoice)))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }
}
