using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Voice;
using Parley.Testing.Providers;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Speech;

/// <summary>
/// Remote engines chosen by configuration alone, over their real wire formats: each provider is a loopback server that
/// hears with PocketSphinx and speaks with Flite, so what the session heard and said can be checked end to end.
/// </summary>
[Collection(nameof(RemoteSpeechTests))]
public sealed class RemoteSpeechTests(ITestOutputHelper output)
{
    private const string Question = "what is twelve times seven";

    [Fact]
    public async Task A_spoken_turn_through_an_openai_compatible_server_configured_by_settings_alone()
    {
        await using var provider = await OpenAIAudioServer.StartAsync("sk-local");
        await using var server = await ConfiguredServerFixture.StartAsync(
        [
            .. Provider(0, "local", "openai", provider.BaseUrl, "sk-local"),
            "--Parley:Speech:Providers:0:Models:0", "whisper-large-v3",
            "--Parley:Speech:Providers:0:Voices:0", "alloy",
            "--Parley:Speech:DefaultRecognizer", "local",
            "--Parley:Speech:DefaultSynthesizer", "local",
        ]);

        var (userText, frames) = await AskAsync(server);

        Assert.Contains("twelve", userText, StringComparison.Ordinal);
        var transcription = Assert.Single(provider.Transcriptions);
        Assert.Equal("whisper-large-v3", transcription.Model);
        Assert.Equal(16000, transcription.SampleRate);
        Assert.Contains(provider.Speeches, s => s.Input.Contains("eighty-four", StringComparison.OrdinalIgnoreCase) && s.Voice == "alloy");
        Assert.True(SpokenTurnTests.Rms(SpokenTurnTests.AgentAudio(frames)) > 500, "the agent's audio is near silence");
        Assert.Empty(provider.Violations);
    }

    [Fact]
    public async Task Deepgram_hears_and_elevenlabs_speaks_when_they_are_the_defaults()
    {
        await using var deepgram = await DeepgramLiveServer.StartAsync("dg-key");
        await using var elevenLabs = await ElevenLabsStreamServer.StartAsync("xi-key");
        await using var server = await ConfiguredServerFixture.StartAsync(
        [
            .. Provider(0, "dg", "deepgram", deepgram.BaseUrl, "dg-key"),
            .. Provider(1, "eleven", "elevenlabs", elevenLabs.BaseUrl, "xi-key"),
            "--Parley:Speech:Providers:1:Voices:0", "rachel=21m00Tcm4TlvDq8ikWAM",
            "--Parley:Speech:DefaultRecognizer", "dg",
            "--Parley:Speech:DefaultSynthesizer", "eleven",
        ]);

        var (userText, _) = await AskAsync(server);

        Assert.Contains("twelve", userText, StringComparison.Ordinal);
        var connection = Assert.Single(deepgram.Connections);
        Assert.Equal("16000", connection.Query["sample_rate"]);
        Assert.True(connection.AudioBytes > 32000, $"Deepgram received {connection.AudioBytes} bytes of audio");
        Assert.Contains(elevenLabs.Requests, r => r.VoiceId == "21m00Tcm4TlvDq8ikWAM" && r.Messages.Any(m => m.Contains("eighty-four", StringComparison.OrdinalIgnoreCase)));
        Assert.Empty(deepgram.Violations);
        Assert.Empty(elevenLabs.Violations);
    }

    [Fact]
    public async Task When_the_remote_voice_fails_the_reply_is_spoken_by_flite_and_the_recogniser_is_unaffected()
    {
        await using var provider = await OpenAIAudioServer.StartAsync("sk-local");
        provider.Fault = new ServerFault { Status = 503 };
        await using var server = await ConfiguredServerFixture.StartAsync(
        [
            .. Provider(0, "local", "openai", provider.BaseUrl, "sk-local"),
            "--Parley:Speech:DefaultSynthesizer", "local",
        ]);

        var (userText, frames) = await AskAsync(server);

        Assert.Contains("twelve", userText, StringComparison.Ordinal);
        Assert.True(provider.Requests >= 1, "the remote voice was never asked");
        var audio = SpokenTurnTests.AgentAudio(frames);
        Assert.True(SpokenTurnTests.Rms(audio) > 500, "the fallback voice said nothing");
        var heard = await TestRecognition.TranscribeAsync(audio, 24000);
        output.WriteLine($"the fallback voice said: '{heard}'");
        Assert.Contains("twelve", heard, StringComparison.Ordinal); // "Twelve times seven is eighty-four." in Flite's voice
    }

    [Fact]
    public async Task When_the_remote_recogniser_fails_and_failures_end_the_session_the_client_is_told()
    {
        await using var deepgram = await DeepgramLiveServer.StartAsync("dg-key");
        deepgram.RefuseWith = 401;
        await using var server = await ConfiguredServerFixture.StartAsync(
        [
            .. Provider(0, "dg", "deepgram", deepgram.BaseUrl, "dg-key"),
            "--Parley:Speech:DefaultRecognizer", "dg",
            "--Parley:Speech:OnFailure", "End",
        ]);

        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        try
        {
            await client.StreamAsync(TestSpeech.Say(Question));
        }
        catch (System.Net.WebSockets.WebSocketException)
        {
            // The session ended as the recogniser failed, before the whole question was sent.
        }

        var error = await client.WaitForErrorAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(ErrorCodes.InternalError, error.Code);
        await client.WaitForAsync<EndedMessage>();
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.InternalServerError, await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task A_provider_the_engine_cannot_use_stops_start_up_with_its_name_and_the_problem()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await ConfiguredServerFixture.StartAsync(
            [
                "--Parley:Speech:Providers:0:Name", "dg",
                "--Parley:Speech:Providers:0:Type", "deepgram",
            ]);
        });

        var message = failure.ToString();
        Assert.Contains("'dg'", message, StringComparison.Ordinal);
        Assert.Contains("ApiKey", message, StringComparison.Ordinal);
    }

    private static string[] Provider(int index, string name, string type, string baseUrl, string key) =>
    [
        $"--Parley:Speech:Providers:{index}:Name", name,
        $"--Parley:Speech:Providers:{index}:Type", type,
        $"--Parley:Speech:Providers:{index}:BaseUrl", baseUrl,
        $"--Parley:Speech:Providers:{index}:ApiKey", key,
    ];

    /// <summary>Asks the embedded agent a sum out loud; returns what the session heard and every frame until <c>ended</c>.</summary>
    private async Task<(string UserText, IReadOnlyList<ReceivedFrame> Frames)> AskAsync(ConfiguredServerFixture server)
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        await client.WaitForAsync<ReadyMessage>();
        var question = TestSpeech.Say(Question);
        var streamStart = client.Now;
        await client.StreamAsync(question);
        var silence = client.StreamAsync(TestSpeech.Silence(TimeSpan.FromSeconds(3)));

        var userLine = await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.User }, TimeSpan.FromSeconds(20), "user transcript");
        var firstAudio = await client.WaitForAsync<AudioMessage>(TimeSpan.FromSeconds(20));
        var endOfSpeech = streamStart + TestSpeech.SpeechEnd(question);
        output.WriteLine($"heard '{((TranscriptMessage)userLine.Message).Payload.Text}' {(userLine.At - endOfSpeech).TotalMilliseconds:F0} ms after the end of speech; " +
            $"first agent audio {(firstAudio.At - endOfSpeech).TotalMilliseconds:F0} ms after it");
        await silence;
        await client.WaitForAgentToFinishAsync();
        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>();
        return (((TranscriptMessage)userLine.Message).Payload.Text, client.All);
    }
}
