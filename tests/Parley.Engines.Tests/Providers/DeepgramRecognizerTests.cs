using Microsoft.Extensions.Time.Testing;
using Parley.Engines.Speech;
using Parley.Engines.SpeechToText;
using Parley.Engines.SpeechToText.Deepgram;
using Parley.Testing.Providers;
using Parley.Testing.Speech;

namespace Parley.Engines.Tests.Providers;

public sealed class DeepgramRecognizerTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly Lazy<short[]> Question = new(() => TestSpeech.Voiced(TestSpeech.Say("what is twelve times seven")));
    private static readonly Lazy<short[]> Other = new(() => TestSpeech.Voiced(TestSpeech.Say("what time is it")));

    private DeepgramLiveServer _server = null!;
    private FakeTimeProvider _clock = null!;

    public async Task InitializeAsync()
    {
        _clock = new FakeTimeProvider();
        _server = await DeepgramLiveServer.StartAsync(timeProvider: _clock);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Words_come_while_the_user_speaks_Deepgram_ends_the_turn_and_Finalize_gives_the_final_text()
    {
        var recognizer = Recognizer();
        Assert.Equal(new RecognizerCapabilities(InterimResults: true, EndOfTurnEvents: true, SampleRate: 16000, Remote: true), recognizer.Capabilities);
        await using var session = await recognizer.OpenSessionAsync(new RecognitionSessionOptions { Model = "nova-2", Language = "en-US" });
        await using var utterance = await session.BeginUtteranceAsync();

        Push(utterance, TestSpeech.Silence(TimeSpan.FromMilliseconds(200)));
        Push(utterance, Question.Value);
        Assert.True(await ClockSteps.WaitAsync(() => utterance.GetPartialText() is not null, Wait), "no interim words");
        Assert.False(utterance.EndOfTurn);
        Push(utterance, TestSpeech.Silence(TimeSpan.FromMilliseconds(1500)));
        Assert.True(await ClockSteps.WaitAsync(() => utterance.EndOfTurn, Wait), "no end of turn");
        var text = await utterance.CompleteAsync().WaitAsync(Wait);

        Assert.Contains("twelve", text);
        Assert.Contains("seven", text);
        var connection = Assert.Single(_server.Connections);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["encoding"] = "linear16", ["sample_rate"] = "16000", ["channels"] = "1", ["model"] = "nova-2", ["language"] = "en-US",
                ["interim_results"] = "true", ["endpointing"] = "300", ["utterance_end_ms"] = "1000", ["vad_events"] = "true", ["smart_format"] = "true",
            },
            connection.Query);
        Assert.Equal(["Finalize"], connection.Controls);
        Assert.Empty(_server.Violations);
    }

    [Fact]
    public async Task The_end_of_turn_Deepgram_proposed_is_withdrawn_when_the_speaker_goes_on()
    {
        await using var session = await Recognizer().OpenSessionAsync();
        await using var utterance = await session.BeginUtteranceAsync();
        Push(utterance, [.. Question.Value, .. TestSpeech.Silence(TimeSpan.FromMilliseconds(600))]);
        Assert.True(await ClockSteps.WaitAsync(() => utterance.EndOfTurn, Wait), "no end of turn");

        Push(utterance, Other.Value);
        Assert.True(await ClockSteps.WaitAsync(() => !utterance.EndOfTurn, Wait), "the end of turn stayed");
        Push(utterance, TestSpeech.Silence(TimeSpan.FromMilliseconds(600)));
        Assert.True(await ClockSteps.WaitAsync(() => utterance.EndOfTurn, Wait), "no second end of turn");

        var words = (await utterance.CompleteAsync().WaitAsync(Wait)).Split(' ');
        Assert.Contains("seven", words);
        Assert.Contains("it", words);
    }

    [Fact]
    public async Task Completing_before_Deepgram_heard_the_end_flushes_the_words_with_Finalize()
    {
        await using var session = await Recognizer().OpenSessionAsync();
        await using var utterance = await session.BeginUtteranceAsync();

        Push(utterance, Question.Value);
        var text = await utterance.CompleteAsync().WaitAsync(Wait);

        Assert.Contains("seven", text);
        Assert.False(utterance.EndOfTurn);
        Assert.Equal(["Finalize"], _server.Connections.Single().Controls);
    }

    [Fact]
    public async Task Utterances_of_one_call_share_one_connection_and_keep_their_own_words()
    {
        await using var session = await Recognizer().OpenSessionAsync();

        var first = await RecogniseAsync(session, Question.Value);
        var second = await RecogniseAsync(session, Other.Value);

        Assert.Contains("seven", first.Split(' '));
        Assert.DoesNotContain("it", first.Split(' '));
        Assert.Contains("it", second.Split(' '));
        Assert.DoesNotContain("seven", second.Split(' '));
        Assert.Single(_server.Connections);
        Assert.Empty(_server.Violations);
    }

    [Fact]
    public async Task An_idle_connection_is_kept_open_with_KeepAlive_past_Deepgrams_ten_second_timeout_and_closed_with_CloseStream()
    {
        var session = await Recognizer().OpenSessionAsync();
        var connection = Assert.Single(_server.Connections);

        Assert.True(await ClockSteps.AdvanceUntilAsync(_clock, () => connection.Controls.Count(c => c == "KeepAlive") >= 4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));
        Assert.False(connection.Ended);
        Assert.Contains("seven", await RecogniseAsync(session, Question.Value));
        await session.DisposeAsync();

        Assert.True(await ClockSteps.WaitAsync(() => connection.Ended, Wait));
        Assert.Equal("CloseStream", connection.EndedBy);
        Assert.Equal("CloseStream", connection.Controls.Last());
        Assert.Single(_server.Connections);
        Assert.Empty(_server.Violations);
    }

    [Fact]
    public async Task Without_KeepAlive_the_server_would_close_an_idle_connection_after_ten_seconds()
    {
        // The loopback server's own timeout, checked without an engine: the KeepAlive test above means something.
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Token {_server.ApiKey}");
        await socket.ConnectAsync(new Uri($"{_server.BaseUrl}/listen?encoding=linear16&sample_rate=16000&channels=1&model=nova-3&interim_results=true&endpointing=300&utterance_end_ms=1000&vad_events=true"), default);
        var connection = Assert.Single(_server.Connections);

        Assert.True(await ClockSteps.AdvanceUntilAsync(_clock, () => connection.EndedBy is not null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15)));
        Assert.Equal("NET-0001", connection.EndedBy);
    }

    [Fact]
    public async Task A_connection_dropped_mid_utterance_fails_it_retryably_and_the_next_utterance_gets_a_new_connection()
    {
        _server.FailNextConnection(new ServerFault { DropAfter = 8000 });
        await using var session = await Recognizer().OpenSessionAsync();
        var utterance = await session.BeginUtteranceAsync();

        var error = await Assert.ThrowsAsync<SpeechEngineException>(async () =>
        {
            foreach (var frame in Question.Value.Chunk(320))
            {
                utterance.Push(frame);
                await Task.Delay(2);
            }

            await utterance.CompleteAsync().WaitAsync(Wait);
        });
        await utterance.DisposeAsync();

        Assert.True(error.Retryable);
        Assert.Equal("deepgram-live", error.Engine);
        Assert.Contains("seven", await RecogniseAsync(session, Question.Value));
        Assert.Equal(2, _server.Connections.Count);
    }

    [Fact]
    public async Task A_connection_dropped_while_idle_is_replaced_before_the_next_utterance()
    {
        await using var session = await Recognizer().OpenSessionAsync();

        _server.DropAll();

        Assert.True(await ClockSteps.WaitAsync(() => _server.Connections.Count == 2, Wait), "no reconnection");
        Assert.Contains("seven", await RecogniseAsync(session, Question.Value));
        Assert.Equal(2, _server.Connections.Count);
    }

    [Fact]
    public async Task Reconnection_gives_up_after_its_attempts_with_backoff_and_tries_again_for_a_later_utterance()
    {
        await using var session = await Recognizer().OpenSessionAsync();
        _server.RefuseWith = 503;
        _server.DropAll();
        Assert.True(await ClockSteps.WaitAsync(() => _server.Refused > 0, Wait), "no reconnection attempt");

        var begin = session.BeginUtteranceAsync().AsTask();
        Assert.True(await ClockSteps.AdvanceUntilAsync(_clock, () => begin.IsCompleted, TimeSpan.FromMilliseconds(125), TimeSpan.FromSeconds(5)));
        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => begin);

        Assert.Equal((503, true), (error.StatusCode, error.Retryable));
        Assert.Contains("could not reconnect", error.Message);
        _server.RefuseWith = null;
        Assert.Contains("seven", await RecogniseAsync(session, Question.Value));
    }

    [Theory]
    [InlineData(1011, "NET-0000", true)]
    [InlineData(1008, "DATA-0000", false)]
    public async Task A_close_mid_utterance_fails_it_retryable_as_its_status_is(int status, string reason, bool retryable)
    {
        _server.FailNextConnection(new ServerFault { CloseStatus = status, CloseReason = reason, CloseAfter = 3200 });
        await using var session = await Recognizer().OpenSessionAsync();
        await using var utterance = await session.BeginUtteranceAsync();

        var error = await Assert.ThrowsAsync<SpeechEngineException>(async () =>
        {
            foreach (var frame in Question.Value.Chunk(320))
            {
                utterance.Push(frame);
                await Task.Delay(2);
            }

            await utterance.CompleteAsync().WaitAsync(Wait);
        });

        Assert.Equal((status, retryable), (error.StatusCode, error.Retryable));
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData(401, false)]
    [InlineData(503, true)]
    public async Task A_refused_connection_fails_the_call_opening_as_its_status_says(int status, bool retryable)
    {
        _server.FailNextConnection(new ServerFault { Status = status });

        var error = await Assert.ThrowsAsync<SpeechEngineException>(async () => await Recognizer().OpenSessionAsync());

        Assert.Equal((status, retryable), (error.StatusCode, error.Retryable));
    }

    [Fact]
    public async Task An_unanswered_Finalize_fails_retryably_while_words_are_unconfirmed()
    {
        _server.FailNextConnection(new ServerFault { Hold = true });
        await using var session = await Recognizer().OpenSessionAsync();
        await using var utterance = await session.BeginUtteranceAsync();
        Push(utterance, Question.Value);
        Assert.True(await ClockSteps.WaitAsync(() => utterance.GetPartialText() is not null, Wait));

        var completion = utterance.CompleteAsync();
        Assert.True(await ClockSteps.AdvanceUntilAsync(_clock, () => completion.IsCompleted, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5)));

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => completion);
        Assert.True(error.Retryable);
        Assert.Contains("Finalize", error.Message);
    }

    [Fact]
    public async Task An_unanswered_Finalize_with_every_word_final_gives_those_words()
    {
        _server.FailNextConnection(new ServerFault { Hold = true });
        await using var session = await Recognizer().OpenSessionAsync();
        await using var utterance = await session.BeginUtteranceAsync();
        Push(utterance, [.. Question.Value, .. TestSpeech.Silence(TimeSpan.FromMilliseconds(600))]);
        Assert.True(await ClockSteps.WaitAsync(() => utterance.EndOfTurn, Wait));

        var completion = utterance.CompleteAsync();
        Assert.True(await ClockSteps.AdvanceUntilAsync(_clock, () => completion.IsCompleted, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5)));

        Assert.Contains("seven", await completion);
    }

    [Fact]
    public async Task A_message_that_is_not_json_fails_the_utterance_without_retry()
    {
        _server.FailNextConnection(new ServerFault { Malformed = true });
        await using var session = await Recognizer().OpenSessionAsync();
        await using var utterance = await session.BeginUtteranceAsync();

        var error = await Assert.ThrowsAsync<SpeechEngineException>(async () =>
        {
            Push(utterance, Question.Value);
            await utterance.CompleteAsync().WaitAsync(Wait);
        });

        Assert.False(error.Retryable);
    }

    [Fact]
    public async Task The_callers_cancellation_is_never_wrapped()
    {
        _server.FailNextConnection(new ServerFault { Hold = true });
        await using var session = await Recognizer().OpenSessionAsync();
        await using var utterance = await session.BeginUtteranceAsync();
        Push(utterance, Question.Value);
        using var cancel = new CancellationTokenSource();

        var completion = utterance.CompleteAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => completion.WaitAsync(Wait));
    }

    [Fact]
    public void Options_that_cannot_work_are_refused_naming_the_setting()
    {
        var options = new DeepgramRecognizerOptions { ApiKey = "k" };

        Assert.Contains("ApiKey", Assert.Throws<ArgumentException>(() => new DeepgramRecognizer(options with { ApiKey = "" })).Message);
        Assert.Contains("BaseUrl", Assert.Throws<ArgumentException>(() => new DeepgramRecognizer(options with { BaseUrl = "https://api.deepgram.com/v1" })).Message);
        Assert.Contains("KeepAliveInterval", Assert.Throws<ArgumentException>(() => new DeepgramRecognizer(options with { KeepAliveInterval = TimeSpan.FromSeconds(12) })).Message);
    }

    private static void Push(IUtteranceRecognition utterance, short[] samples)
    {
        foreach (var frame in samples.Chunk(320))
        {
            utterance.Push(frame);
        }
    }

    private static async Task<string> RecogniseAsync(IRecognitionSession session, short[] speech)
    {
        await using var utterance = await session.BeginUtteranceAsync().AsTask().WaitAsync(Wait);
        Push(utterance, speech);
        return await utterance.CompleteAsync().WaitAsync(Wait);
    }

    private DeepgramRecognizer Recognizer()
        => new(new DeepgramRecognizerOptions { Name = "deepgram-live", BaseUrl = _server.BaseUrl, ApiKey = _server.ApiKey }, _clock);
}
