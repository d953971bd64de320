using Microsoft.Extensions.Logging.Abstractions;
using Parley.Engines.Speech;
using Parley.Engines.SpeechToText;

namespace Parley.Engines.Tests.Speech;

public sealed class RecognizerWrapperTests
{
    private static readonly SpeechEngineException Dropped = new("dropped") { Retryable = true };
    private static readonly SpeechEngineException Refused = new("401") { StatusCode = 401, Retryable = false };

    [Fact]
    public async Task A_retryable_failure_is_heard_again_on_the_primary_with_the_same_audio()
    {
        var primary = new FakeRecognizer("remote", failCompleteOnAttempt: attempt => attempt == 1 ? Dropped : null);
        var local = new FakeRecognizer("local");
        var text = await HearAsync(new FallbackSpeechRecognizer(primary, local, NullLogger.Instance, maxRetries: 1), 3200);
        Assert.Equal("remote heard 3200", text);
        Assert.Equal(0, local.Utterances);
        Assert.Equal(0, primary.Open);
    }

    [Fact]
    public async Task A_failure_not_worth_retrying_goes_to_the_fallback_with_all_the_audio()
    {
        var primary = new FakeRecognizer("remote", failCompleteOnAttempt: _ => Refused);
        var local = new FakeRecognizer("local");
        var text = await HearAsync(new FallbackSpeechRecognizer(primary, local, NullLogger.Instance, maxRetries: 3), 3200);
        Assert.Equal("local heard 3200", text);
        Assert.Equal(1, primary.Utterances);
        Assert.Equal(0, primary.Open + local.Open);
    }

    [Fact]
    public async Task A_primary_that_keeps_failing_is_tried_again_as_often_as_allowed_then_the_fallback_hears_it()
    {
        var primary = new FakeRecognizer("remote", failCompleteOnAttempt: _ => Dropped);
        var local = new FakeRecognizer("local");
        Assert.Equal("local heard 1600", await HearAsync(new FallbackSpeechRecognizer(primary, local, NullLogger.Instance, maxRetries: 2), 1600));
        Assert.Equal(3, primary.Utterances);
    }

    [Fact]
    public async Task A_primary_that_drops_mid_utterance_gives_no_words_and_the_fallback_hears_everything()
    {
        var primary = new FakeRecognizer("remote");
        var local = new FakeRecognizer("local");
        var fallback = new FallbackSpeechRecognizer(primary, local, NullLogger.Instance, maxRetries: 0);
        await using var session = await fallback.OpenSessionAsync();
        await using var utterance = await session.BeginUtteranceAsync();
        utterance.Push(new short[800]);
        Assert.Equal("remote partial 800", utterance.GetPartialText());
        primary.FailPushes = true;
        utterance.Push(new short[800]);
        Assert.Null(utterance.GetPartialText());
        Assert.Equal("local heard 1600", await utterance.CompleteAsync());
    }

    [Fact]
    public async Task Hybrid_words_come_from_the_local_engine_and_the_final_text_from_the_remote_one()
    {
        var local = new FakeRecognizer("local");
        var remote = new FakeRecognizer("remote", interim: false);
        var hybrid = new HybridSpeechRecognizer(local, remote, NullLogger.Instance);
        Assert.True(hybrid.Capabilities.InterimResults);
        await using var session = await hybrid.OpenSessionAsync();
        await using var utterance = await session.BeginUtteranceAsync();
        utterance.Push(new short[480]);
        Assert.Equal("local partial 480", utterance.GetPartialText());
        Assert.Equal("remote heard 480", await utterance.CompleteAsync());
    }

    [Fact]
    public async Task Hybrid_falls_back_to_the_local_final_when_the_remote_fails_unless_told_not_to()
    {
        var failing = new FakeRecognizer("remote", interim: false, failCompleteOnAttempt: _ => Dropped);
        Assert.Equal("local heard 480", await HearAsync(new HybridSpeechRecognizer(new FakeRecognizer("local"), failing, NullLogger.Instance), 480));

        var strict = new HybridSpeechRecognizer(new FakeRecognizer("local"), new FakeRecognizer("remote", false, _ => Dropped), NullLogger.Instance, fallBack: false);
        await Assert.ThrowsAsync<SpeechEngineException>(() => HearAsync(strict, 480));
    }

    private static async Task<string> HearAsync(ISpeechRecognizer recognizer, int samples)
    {
        await using var session = await recognizer.OpenSessionAsync();
        await using var utterance = await session.BeginUtteranceAsync();
        for (var pushed = 0; pushed < samples; pushed += 160)
        {
            utterance.Push(new short[Math.Min(160, samples - pushed)]);
        }

        return await utterance.CompleteAsync();
    }
}
