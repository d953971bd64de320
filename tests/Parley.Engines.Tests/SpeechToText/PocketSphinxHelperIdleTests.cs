using Microsoft.Extensions.Time.Testing;
using Parley.Engines.SpeechToText;

namespace Parley.Engines.Tests.SpeechToText;

/// <summary>The forked helper runs only while calls need it: none at idle, started by a call, stopped after <see cref="PocketSphinxOptions.HelperIdleTimeout"/> on a fake clock.</summary>
public sealed class PocketSphinxHelperIdleTests
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task An_idle_recogniser_runs_no_helper_and_a_call_that_speaks_at_once_is_heard()
    {
        var time = new FakeTimeProvider();
        using var recognizer = Lazy(time);
        Assert.Equal(0, recognizer.Forked.ZygoteProcessId);
        Assert.Equal(0, recognizer.Forked.IdleDecoders);

        // The utterance is begun the moment the call is, while the helper builds its decoder: it waits for the build.
        await using var call = await recognizer.OpenSessionAsync();
        var utterance = await call.BeginUtteranceAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await using (utterance)
        {
            foreach (var chunk in PocketSphinxForkedRecognizerTests.Spoken("what is twelve times seven").Chunk(512))
            {
                utterance.Push(chunk);
            }

            Assert.Equal("what is twelve times seven", await utterance.CompleteAsync());
        }

        Assert.NotEqual(0, recognizer.Forked.ZygoteProcessId);
    }

    [Fact]
    public async Task The_helper_stops_after_its_idle_timeout_without_calls_and_the_next_call_starts_another()
    {
        var time = new FakeTimeProvider();
        using var recognizer = Lazy(time);

        var call = await recognizer.OpenSessionAsync();
        Assert.Equal("what time is it", await HearAsync(call, "what time is it"));
        var first = recognizer.Forked.ZygoteProcessId;
        Assert.NotEqual(0, first);

        // An open call keeps it, however long nobody speaks.
        time.Advance(IdleTimeout * 3);
        Assert.Equal(first, recognizer.Forked.ZygoteProcessId);
        Assert.True(Directory.Exists($"/proc/{first}"), "the helper stopped while a call was open");

        await call.DisposeAsync();
        time.Advance(IdleTimeout - TimeSpan.FromSeconds(1));
        Assert.Equal(first, recognizer.Forked.ZygoteProcessId);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, recognizer.Forked.ZygoteProcessId);
        await PocketSphinxForkedRecognizerTests.WaitUntilAsync(() => !Directory.Exists($"/proc/{first}") || File.ReadAllText($"/proc/{first}/stat").Contains(") Z ", StringComparison.Ordinal), "the idle helper still runs");
        Assert.Equal(0, recognizer.Forked.IdleDecoders);

        await using var next = await recognizer.OpenSessionAsync();
        Assert.Equal("what is two plus two", await HearAsync(next, "what is two plus two"));
        Assert.NotEqual(0, recognizer.Forked.ZygoteProcessId);
        Assert.NotEqual(first, recognizer.Forked.ZygoteProcessId);
    }

    [Fact]
    public async Task A_stream_opened_without_a_call_starts_the_helper_and_counts_as_use()
    {
        var time = new FakeTimeProvider();
        using var recognizer = Lazy(time);

        using (var stream = await recognizer.OpenStreamAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)))
        {
            foreach (var chunk in PocketSphinxForkedRecognizerTests.Spoken("my name is alice").Chunk(512))
            {
                stream.Push(chunk);
            }

            Assert.Equal("my name is alice", stream.Complete());
        }

        var helper = recognizer.Forked.ZygoteProcessId;
        time.Advance(IdleTimeout / 2);
        using (await recognizer.OpenStreamAsync())
        {
        }

        time.Advance(IdleTimeout / 2 + TimeSpan.FromSeconds(1));
        Assert.Equal(helper, recognizer.Forked.ZygoteProcessId);
        time.Advance(IdleTimeout / 2);
        Assert.Equal(0, recognizer.Forked.ZygoteProcessId);
    }

    [Fact]
    public void An_infinite_timeout_keeps_the_helper_running_from_start_up_and_a_non_positive_one_is_refused()
    {
        using (var always = new PocketSphinxRecognizer(new PocketSphinxOptions { Mode = PocketSphinxMode.Forked, HelperIdleTimeout = Timeout.InfiniteTimeSpan }))
        {
            Assert.NotEqual(0, always.Forked.ZygoteProcessId);
        }

        var refused = Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(new PocketSphinxOptions { Mode = PocketSphinxMode.Forked, HelperIdleTimeout = TimeSpan.Zero }));
        Assert.Contains("HelperIdleTimeout", refused.Message, StringComparison.Ordinal);
    }

    private static PocketSphinxRecognizer Lazy(TimeProvider time) =>
        new(new PocketSphinxOptions { Mode = PocketSphinxMode.Forked, HelperIdleTimeout = IdleTimeout, MaxDecoders = 2 }, time);

    private static async Task<string> HearAsync(IRecognitionSession call, string words)
    {
        await using var utterance = await call.BeginUtteranceAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var chunk in PocketSphinxForkedRecognizerTests.Spoken(words).Chunk(512))
        {
            utterance.Push(chunk);
        }

        return await utterance.CompleteAsync();
    }
}
