using Microsoft.Extensions.Time.Testing;
using Parley.Engines.Speech;
using Parley.Engines.SpeechToText;
using Parley.Engines.SpeechToText.OpenAI;
using Parley.Testing.Providers;
using Parley.Testing.Speech;

namespace Parley.Engines.Tests.Providers;

public sealed class OpenAIRecognizerTests : IAsyncLifetime
{
    private static readonly Lazy<short[]> Question = new(() =>
    {
        var silence = TestSpeech.Silence(TimeSpan.FromMilliseconds(300));
        return [.. silence, .. TestSpeech.Say("what is twelve times seven"), .. silence];
    });

    private OpenAIAudioServer _server = null!;

    public async Task InitializeAsync() => _server = await OpenAIAudioServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_utterance_is_uploaded_as_a_wav_when_it_completes_and_its_words_come_back()
    {
        using var recognizer = Recognizer();
        Assert.Equal(new RecognizerCapabilities(InterimResults: false, EndOfTurnEvents: false, SampleRate: 16000, Remote: true), recognizer.Capabilities);
        await using var session = await recognizer.OpenSessionAsync(new RecognitionSessionOptions { Model = "whisper-large-v3", Language = "en" });
        await using var utterance = await session.BeginUtteranceAsync();
        foreach (var frame in Question.Value.Chunk(320))
        {
            utterance.Push(frame);
            Assert.Null(utterance.GetPartialText());
        }

        Assert.Equal(0, _server.Requests);
        var text = await utterance.CompleteAsync();

        Assert.Contains("twelve", text);
        Assert.Contains("seven", text);
        Assert.False(utterance.EndOfTurn);
        var upload = Assert.Single(_server.Transcriptions);
        Assert.Equal(("whisper-large-v3", "en", "json", 16000), (upload.Model, upload.Language, upload.ResponseFormat, upload.SampleRate));
        Assert.EndsWith(".wav", upload.FileName);
        Assert.Equal(Question.Value, upload.Samples);
        Assert.Empty(_server.Violations);
        Assert.Equal(text, await utterance.CompleteAsync());
        Assert.Single(_server.Transcriptions);
    }

    [Fact]
    public async Task Verbose_json_answers_are_read_and_utterances_of_one_call_go_one_request_each()
    {
        _server.Transcript = samples => samples.Length > 16000 ? "a longer one" : "short";
        using var recognizer = Recognizer(o => o with { ResponseFormat = "verbose_json", Models = ["whisper-1", "distil-whisper"], DefaultModel = "distil-whisper" });
        await using var session = await recognizer.OpenSessionAsync();

        Assert.Equal("short", await TranscribeAsync(session, new short[8000]));
        Assert.Equal("a longer one", await TranscribeAsync(session, new short[24000]));

        Assert.All(_server.Transcriptions, t => Assert.Equal(("distil-whisper", "verbose_json", (string?)null), (t.Model, t.ResponseFormat, t.Language)));
        Assert.Equal(2, _server.Transcriptions.Count);
        Assert.Empty(_server.Violations);
    }

    [Fact]
    public async Task An_utterance_without_audio_completes_empty_without_a_request()
    {
        using var recognizer = Recognizer();
        await using var session = await recognizer.OpenSessionAsync();
        await using var utterance = await session.BeginUtteranceAsync();

        Assert.Equal("", await utterance.CompleteAsync());
        Assert.Equal(0, _server.Requests);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(413, false)]
    public async Task An_error_status_becomes_a_speech_engine_exception_retryable_as_the_status_is(int status, bool retryable)
    {
        _server.Fault = new ServerFault { Status = status };
        using var recognizer = Recognizer();
        await using var session = await recognizer.OpenSessionAsync();

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => TranscribeAsync(session, new short[1600]));

        Assert.Equal(("whisper-remote", status, retryable), (error.Engine, error.StatusCode, error.Retryable));
        Assert.Contains($"HTTP {status}", error.Message);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_not_worth_retrying()
    {
        using var recognizer = Recognizer(o => o with { ApiKey = "sk-wrong" });
        await using var session = await recognizer.OpenSessionAsync();

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => TranscribeAsync(session, new short[1600]));

        Assert.Equal((401, false), (error.StatusCode, error.Retryable));
        _server.Violations.Clear();
    }

    [Fact]
    public async Task A_server_that_does_not_answer_times_out_on_the_engine_clock_and_may_be_retried()
    {
        _server.Fault = new ServerFault { Hold = true };
        var clock = new FakeTimeProvider();
        using var recognizer = Recognizer(o => o with { RequestTimeout = TimeSpan.FromSeconds(20) }, clock);
        await using var session = await recognizer.OpenSessionAsync();
        await using var utterance = await session.BeginUtteranceAsync();
        utterance.Push(new short[1600]);

        var completion = utterance.CompleteAsync();
        Assert.True(await ClockSteps.WaitAsync(() => _server.Transcriptions.Count == 1, TimeSpan.FromSeconds(10)));
        clock.Advance(TimeSpan.FromSeconds(19));
        await Task.Delay(100);
        Assert.False(completion.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(error.Retryable);
        Assert.Null(error.StatusCode);
        Assert.Contains("within 20 s", error.Message);
    }

    [Fact]
    public async Task The_callers_cancellation_is_never_wrapped()
    {
        _server.Fault = new ServerFault { Hold = true };
        using var recognizer = Recognizer();
        await using var session = await recognizer.OpenSessionAsync();
        await using var utterance = await session.BeginUtteranceAsync();
        utterance.Push(new short[1600]);
        using var cancel = new CancellationTokenSource();

        var completion = utterance.CompleteAsync(cancel.Token);
        Assert.True(await ClockSteps.WaitAsync(() => _server.Transcriptions.Count == 1, TimeSpan.FromSeconds(10)));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => completion.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task An_answer_that_is_not_the_documented_json_is_an_error_not_worth_retrying()
    {
        _server.Fault = new ServerFault { Malformed = true };
        using var recognizer = Recognizer();
        await using var session = await recognizer.OpenSessionAsync();

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => TranscribeAsync(session, new short[1600]));

        Assert.False(error.Retryable);
        Assert.Equal("whisper-remote", error.Engine);
    }

    [Fact]
    public async Task A_server_that_is_gone_is_a_dropped_connection_worth_retrying()
    {
        using var recognizer = Recognizer();
        await using var session = await recognizer.OpenSessionAsync();
        await _server.DisposeAsync();

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => TranscribeAsync(session, new short[1600]));

        Assert.True(error.Retryable);
        Assert.Null(error.StatusCode);
        _server = await OpenAIAudioServer.StartAsync();
    }

    [Fact]
    public async Task Audio_past_the_longest_utterance_is_refused_with_an_error_naming_the_setting_not_cut()
    {
        using var recognizer = Recognizer(o => o with { MaxUtterance = TimeSpan.FromSeconds(1) });
        await using var session = await recognizer.OpenSessionAsync();
        await using var utterance = await session.BeginUtteranceAsync();
        utterance.Push(new short[16000]);

        var error = Assert.Throws<SpeechEngineException>(() => utterance.Push(new short[1]));

        Assert.False(error.Retryable);
        Assert.Contains("MaxUtterance", error.Message);
        await Assert.ThrowsAsync<SpeechEngineException>(() => utterance.CompleteAsync());
        Assert.Equal(0, _server.Requests);
    }

    [Theory]
    [InlineData("ftp://example.com/v1", "BaseUrl")]
    [InlineData("https://api.openai.com/v1", "ResponseFormat", "text")]
    [InlineData("https://api.openai.com/v1", "Name", "json", "open/ai")]
    public void Options_that_cannot_work_are_refused_naming_the_setting(string baseUrl, string setting, string format = "json", string name = "openai")
    {
        var options = new OpenAIRecognizerOptions { BaseUrl = baseUrl, ResponseFormat = format, Name = name };

        var error = Assert.Throws<ArgumentException>(() => new OpenAIRecognizer(options));

        Assert.Contains(setting, error.Message);
    }

    private static async Task<string> TranscribeAsync(IRecognitionSession session, short[] samples)
    {
        await using var utterance = await session.BeginUtteranceAsync();
        utterance.Push(samples);
        return await utterance.CompleteAsync();
    }

    private OpenAIRecognizer Recognizer(Func<OpenAIRecognizerOptions, OpenAIRecognizerOptions>? configure = null, TimeProvider? clock = null)
    {
        var options = new OpenAIRecognizerOptions { Name = "whisper-remote", BaseUrl = _server.BaseUrl, ApiKey = _server.ApiKey };
        return new OpenAIRecognizer(configure?.Invoke(options) ?? options, clock);
    }
}
