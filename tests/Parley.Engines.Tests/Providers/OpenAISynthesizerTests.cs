using Microsoft.Extensions.Time.Testing;
using Parley.Engines.Speech;
using Parley.Engines.TextToSpeech;
using Parley.Engines.TextToSpeech.OpenAI;
using Parley.Testing.Providers;

namespace Parley.Engines.Tests.Providers;

public sealed class OpenAISynthesizerTests : IAsyncLifetime
{
    private const string Sentence = "what is twelve times seven";
    private OpenAIAudioServer _server = null!;

    public async Task InitializeAsync() => _server = await OpenAIAudioServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Speech_arrives_as_24_kHz_chunks_while_the_body_streams_and_says_the_words()
    {
        var synthesizer = Synthesizer(o => o with { Models = ["kokoro"], Voices = ["af_heart", "am_adam"] });
        Assert.Equal(new SynthesizerCapabilities(StreamingOutput: true, WordTimings: false, SampleRate: 24000, Remote: true), synthesizer.Capabilities);
        Assert.Equal("af_heart", synthesizer.DefaultVoice);

        var chunks = new List<SpeechChunk>();
        await foreach (var chunk in synthesizer.SynthesizeAsync(new SynthesisRequest(Sentence, "AM_ADAM")))
        {
            chunks.Add(chunk);
        }

        Assert.True(chunks.Count > 3, $"{chunks.Count} chunks");
        Assert.All(chunks, c => Assert.Equal((24000, (IReadOnlyList<SpokenWord>?)null), (c.SampleRate, c.Words)));
        var audio = chunks.SelectMany(c => c.Samples).ToArray();
        Assert.Equal(OpenAIAudioServer.SpeechFor(Sentence), audio);
        var heard = await TestRecognition.TranscribeAsync(audio, 24000);
        Assert.Contains("twelve", heard);
        Assert.Contains("seven", heard);
        Assert.Equal(new SpeechRequest("kokoro", Sentence, "am_adam", "pcm"), Assert.Single(_server.Speeches));
        Assert.Empty(_server.Violations);
    }

    [Fact]
    public async Task The_first_chunk_is_given_before_the_server_has_sent_the_rest_and_a_stall_after_it_fails_retryably()
    {
        _server.Fault = new ServerFault { StallAfter = 9600 };
        var clock = new FakeTimeProvider();
        var synthesizer = Synthesizer(o => o with { StallTimeout = TimeSpan.FromSeconds(3) }, clock);
        await using var chunks = synthesizer.SynthesizeAsync(new SynthesisRequest(Sentence, "alloy")).GetAsyncEnumerator();

        var received = 0;
        while (received < 9600 / 2)
        {
            Assert.True(await chunks.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
            received += chunks.Current.Samples.Length;
        }

        var next = chunks.MoveNextAsync().AsTask();
        await Task.Delay(200);
        clock.Advance(TimeSpan.FromSeconds(2.9));
        await Task.Delay(100);
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => next.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(("tts-remote", true, (int?)null), (error.Engine, error.Retryable, error.StatusCode));
        Assert.Contains("sent nothing for 3 s", error.Message);
    }

    [Fact]
    public async Task A_server_that_never_starts_speaking_times_out_on_the_engine_clock()
    {
        _server.Fault = new ServerFault { Hold = true };
        var clock = new FakeTimeProvider();
        var synthesizer = Synthesizer(o => o with { RequestTimeout = TimeSpan.FromSeconds(8) }, clock);

        var first = FirstChunkAsync(synthesizer, new SynthesisRequest(Sentence, "alloy"));
        Assert.True(await ClockSteps.WaitAsync(() => _server.Speeches.Count == 1, TimeSpan.FromSeconds(10)));
        clock.Advance(TimeSpan.FromSeconds(8));

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => first.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(error.Retryable);
        Assert.Contains("did not start speaking within 8 s", error.Message);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    public async Task An_error_status_becomes_a_speech_engine_exception(int status, bool retryable)
    {
        _server.Fault = new ServerFault { Status = status };

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => FirstChunkAsync(Synthesizer(), new SynthesisRequest(Sentence, "alloy")));

        Assert.Equal((status, retryable), (error.StatusCode, error.Retryable));
    }

    [Fact]
    public async Task A_connection_dropped_mid_sentence_fails_retryably()
    {
        _server.Fault = new ServerFault { DropAfter = 9600 };
        var synthesizer = Synthesizer();

        var error = await Assert.ThrowsAsync<SpeechEngineException>(async () =>
        {
            await foreach (var chunk in synthesizer.SynthesizeAsync(new SynthesisRequest(Sentence, "alloy")))
            {
                Assert.NotEmpty(chunk.Samples);
            }
        });

        Assert.True(error.Retryable);
    }

    [Fact]
    public async Task The_callers_cancellation_mid_sentence_is_never_wrapped()
    {
        _server.Fault = new ServerFault { StallAfter = 9600 };
        using var cancel = new CancellationTokenSource();
        var synthesizer = Synthesizer();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in synthesizer.SynthesizeAsync(new SynthesisRequest(Sentence, "alloy"), cancel.Token))
            {
                await cancel.CancelAsync();
            }
        });
    }

    [Fact]
    public async Task An_unknown_voice_is_an_argument_error_and_whitespace_is_one_empty_chunk_without_a_request()
    {
        var synthesizer = Synthesizer();

        await Assert.ThrowsAsync<ArgumentException>(() => FirstChunkAsync(synthesizer, new SynthesisRequest(Sentence, "nobody")));
        var empty = await FirstChunkAsync(synthesizer, new SynthesisRequest("  ", "alloy"));

        Assert.Empty(empty.Samples);
        Assert.Equal(0, _server.Requests);
    }

    private static async Task<SpeechChunk> FirstChunkAsync(ISpeechSynthesizer synthesizer, SynthesisRequest request)
    {
        await foreach (var chunk in synthesizer.SynthesizeAsync(request))
        {
            return chunk;
        }

        throw new InvalidOperationException("No chunk.");
    }

    private OpenAISynthesizer Synthesizer(Func<OpenAISynthesizerOptions, OpenAISynthesizerOptions>? configure = null, TimeProvider? clock = null)
    {
        var options = new OpenAISynthesizerOptions { Name = "tts-remote", BaseUrl = _server.BaseUrl, ApiKey = _server.ApiKey };
        return new OpenAISynthesizer(configure?.Invoke(options) ?? options, clock);
    }
}
