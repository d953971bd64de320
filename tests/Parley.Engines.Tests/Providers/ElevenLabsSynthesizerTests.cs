using Microsoft.Extensions.Time.Testing;
using Parley.Engines.Speech;
using Parley.Engines.TextToSpeech;
using Parley.Engines.TextToSpeech.ElevenLabs;
using Parley.Testing.Providers;

namespace Parley.Engines.Tests.Providers;

public sealed class ElevenLabsSynthesizerTests : IAsyncLifetime
{
    private const string Sentence = "Hello there, what is twelve times seven?";
    private ElevenLabsStreamServer _server = null!;

    public async Task InitializeAsync() => _server = await ElevenLabsStreamServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Speech_comes_in_chunks_with_each_word_timed_from_the_start_of_the_request_as_the_server_spoke_it()
    {
        var synthesizer = Synthesizer();
        Assert.Equal(new SynthesizerCapabilities(StreamingOutput: true, WordTimings: true, SampleRate: 24000, Remote: true), synthesizer.Capabilities);
        Assert.Equal(["rachel", "21m00Tcm4TlvDq8ikWAM-2"], synthesizer.Voices);

        var chunks = await SynthesizeAsync(synthesizer, new SynthesisRequest(Sentence, "Rachel") { Model = "eleven_turbo_v2_5" });

        var request = Assert.Single(_server.Requests);
        Assert.Equal("21m00Tcm4TlvDq8ikWAM", request.VoiceId);
        Assert.Equal(
            new Dictionary<string, string> { ["model_id"] = "eleven_turbo_v2_5", ["output_format"] = "pcm_24000", ["sync_alignment"] = "true", ["auto_mode"] = "true" },
            request.Query);
        Assert.Equal(
            [
                """{"text":" ","voice_settings":{"stability":0.5,"similarity_boost":0.8}}""",
                """{"text":"Hello there, what is twelve times seven? ","flush":true}""",
                """{"text":""}""",
            ],
            request.Messages);
        Assert.True(chunks.Count >= 3, $"{chunks.Count} chunks");
        Assert.All(chunks, c => Assert.Equal(24000, c.SampleRate));
        Assert.Equal(request.Audio, chunks.SelectMany(c => c.Samples).ToArray());
        AssertWordsMatch(request.Words, chunks);
        var heard = await TestRecognition.TranscribeAsync(request.Audio, 24000);
        Assert.Contains("twelve", heard);
        Assert.Empty(_server.Violations);
    }

    [Fact]
    public async Task A_word_cut_between_two_messages_is_given_once_with_its_true_start()
    {
        _server.SplitWordsAcrossMessages = true;
        _server.WordsPerMessage = 1;
        var synthesizer = Synthesizer(o => o with { SampleRate = 16000, Speed = 1.1 });

        var chunks = await SynthesizeAsync(synthesizer, new SynthesisRequest(Sentence, "rachel"));

        var request = Assert.Single(_server.Requests);
        Assert.Equal("pcm_16000", request.Query["output_format"]);
        Assert.Contains("\"speed\":1.1", request.Messages.First());
        Assert.All(chunks, c => Assert.Equal(16000, c.SampleRate));
        AssertWordsMatch(request.Words, chunks);
        Assert.Empty(_server.Violations);
    }

    [Theory]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(403, false)]
    public async Task A_refused_connection_becomes_a_speech_engine_exception(int status, bool retryable)
    {
        _server.FailNextConnection(new ServerFault { Status = status });

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => SynthesizeAsync(Synthesizer(), new SynthesisRequest(Sentence, "rachel")));

        Assert.Equal(("voice-remote", status, retryable), (error.Engine, error.StatusCode, error.Retryable));
    }

    [Fact]
    public async Task An_error_the_server_reports_is_not_worth_retrying()
    {
        _server.FailNextConnection(new ServerFault { CloseStatus = 1008, CloseReason = "Quota exceeded.", CloseAfter = 1 });

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => SynthesizeAsync(Synthesizer(), new SynthesisRequest(Sentence, "rachel")));

        Assert.False(error.Retryable);
        Assert.Contains("Quota exceeded.", error.Message);
    }

    [Fact]
    public async Task A_close_before_the_final_message_is_retryable_with_its_close_status()
    {
        _server.FailNextConnection(new ServerFault { CloseStatus = 1011, CloseAfter = 1 });

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => SynthesizeAsync(Synthesizer(), new SynthesisRequest(Sentence, "rachel")));

        Assert.Equal((1011, true), (error.StatusCode, error.Retryable));
    }

    [Fact]
    public async Task A_dropped_connection_is_retryable()
    {
        _server.FailNextConnection(new ServerFault { DropAfter = 1 });

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => SynthesizeAsync(Synthesizer(), new SynthesisRequest(Sentence, "rachel")));

        Assert.True(error.Retryable);
    }

    [Fact]
    public async Task A_message_that_is_not_json_is_not_worth_retrying()
    {
        _server.FailNextConnection(new ServerFault { Malformed = true });

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => SynthesizeAsync(Synthesizer(), new SynthesisRequest(Sentence, "rachel")));

        Assert.False(error.Retryable);
    }

    [Fact]
    public async Task Silence_before_the_first_audio_times_out_and_silence_after_it_stalls_on_the_engine_clock()
    {
        var clock = new FakeTimeProvider();
        var synthesizer = Synthesizer(o => o with { RequestTimeout = TimeSpan.FromSeconds(6), StallTimeout = TimeSpan.FromSeconds(2) }, clock);

        _server.FailNextConnection(new ServerFault { Hold = true });
        var first = SynthesizeAsync(synthesizer, new SynthesisRequest(Sentence, "rachel"));
        Assert.True(await ClockSteps.AdvanceUntilAsync(clock, () => first.IsCompleted, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)));
        var timedOut = await Assert.ThrowsAsync<SpeechEngineException>(() => first);
        Assert.True(timedOut.Retryable);
        Assert.Contains("did not start speaking within 6 s", timedOut.Message);

        _server.FailNextConnection(new ServerFault { StallAfter = 1 });
        var second = SynthesizeAsync(synthesizer, new SynthesisRequest(Sentence, "rachel"));
        Assert.True(await ClockSteps.AdvanceUntilAsync(clock, () => second.IsCompleted, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(10)));
        var stalled = await Assert.ThrowsAsync<SpeechEngineException>(() => second);
        Assert.True(stalled.Retryable);
        Assert.Contains("sent nothing for 2 s", stalled.Message);
    }

    [Fact]
    public async Task Unknown_voices_are_argument_errors_and_options_are_checked()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => SynthesizeAsync(Synthesizer(), new SynthesisRequest(Sentence, "george")));
        Assert.Contains("ApiKey", Assert.Throws<ArgumentException>(() => new ElevenLabsSynthesizer(new ElevenLabsSynthesizerOptions { Voices = ["x"] })).Message);
        Assert.Contains("SampleRate", Assert.Throws<ArgumentException>(() => Synthesizer(o => o with { SampleRate = 8000 })).Message);
        Assert.Contains("Voices", Assert.Throws<ArgumentException>(() => Synthesizer(o => o with { Voices = ["bad id!"] })).Message);
        Assert.Contains("DefaultVoice", Assert.Throws<ArgumentException>(() => Synthesizer(o => o with { DefaultVoice = "george" })).Message);
        Assert.Equal("21m00Tcm4TlvDq8ikWAM-2", Synthesizer(o => o with { DefaultVoice = "21M00TCM4TLVDQ8IKWAM-2" }).DefaultVoice);
    }

    private static void AssertWordsMatch(IReadOnlyList<SpokenWordTiming> spoken, List<SpeechChunk> chunks)
    {
        var words = chunks.SelectMany(c => c.Words!).ToList();
        Assert.Equal(spoken.Select(w => w.Text), words.Select(w => w.Text));
        foreach (var (truth, word) in spoken.Zip(words))
        {
            Assert.InRange((word.Start - truth.Start).TotalMilliseconds, -1, 1);
            Assert.InRange((word.Duration - truth.Duration).TotalMilliseconds, -1.5, 1.5);
        }

        // Each word comes with (or before) the chunk its audio ends in, so a cut at any playback point knows it.
        var played = TimeSpan.Zero;
        var known = 0;
        foreach (var chunk in chunks)
        {
            known += chunk.Words!.Count;
            played += chunk.Duration;
            Assert.True(words.Take(known).Count() >= words.Count(w => w.Start + w.Duration <= played - TimeSpan.FromMilliseconds(1)));
        }
    }

    private static async Task<List<SpeechChunk>> SynthesizeAsync(ISpeechSynthesizer synthesizer, SynthesisRequest request)
    {
        var chunks = new List<SpeechChunk>();
        await foreach (var chunk in synthesizer.SynthesizeAsync(request))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    private ElevenLabsSynthesizer Synthesizer(Func<ElevenLabsSynthesizerOptions, ElevenLabsSynthesizerOptions>? configure = null, TimeProvider? clock = null)
    {
        var options = new ElevenLabsSynthesizerOptions
        {
            Name = "voice-remote",
            BaseUrl = _server.BaseUrl,
            ApiKey = _server.ApiKey,
            Voices = ["rachel=21m00Tcm4TlvDq8ikWAM", "21m00Tcm4TlvDq8ikWAM-2"],
        };
        return new ElevenLabsSynthesizer(configure?.Invoke(options) ?? options, clock);
    }
}
