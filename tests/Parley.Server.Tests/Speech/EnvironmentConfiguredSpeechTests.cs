using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Faults;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Providers;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Speech;

/// <summary>The built server, started as an operator would with nothing but environment variables, hears and speaks through an OpenAI-compatible server.</summary>
[Collection(nameof(RemoteSpeechTests))]
public sealed class EnvironmentConfiguredSpeechTests(ITestOutputHelper output) : IDisposable
{
    private const string ApiKey = "pk_env_speech_0123456789abcdef0123456789";
    private readonly string _data = Directory.CreateTempSubdirectory("parley-env-speech-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task A_spoken_turn_through_an_openai_compatible_recogniser_and_voice_set_by_environment_variables()
    {
        await using var provider = await OpenAIAudioServer.StartAsync("sk-local");
        var environment = new Dictionary<string, string>
        {
            ["Parley__Speech__DefaultRecognizer"] = "local",
            ["Parley__Speech__DefaultSynthesizer"] = "local",
            ["Parley__Speech__Providers__0__Name"] = "local",
            ["Parley__Speech__Providers__0__Type"] = "openai",
            ["Parley__Speech__Providers__0__BaseUrl"] = provider.BaseUrl,
            ["Parley__Speech__Providers__0__ApiKey"] = "sk-local",
            ["Parley__Speech__Providers__0__Models__0"] = "whisper-large-v3",
            ["Parley__Speech__Providers__0__Voices__0"] = "alloy",
        };
        output.WriteLine(string.Join('\n', environment.Select(e => $"{e.Key}={e.Value}")));
        await using var server = await ServerProcess.StartAsync(_data, ApiKey, environment);

        await using var client = await VoiceTestClient.ConnectAsync(new Uri($"ws://{server.BaseAddress.Authority}/ws/voice?token={ApiKey}"));
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        await client.WaitForAsync<ReadyMessage>();
        await client.StreamAsync(TestSpeech.Say("what is twelve times seven"));
        var silence = client.StreamAsync(TestSpeech.Silence(TimeSpan.FromSeconds(3)));
        await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.User }, TimeSpan.FromSeconds(20), "user transcript");
        await silence;
        await client.WaitForAgentToFinishAsync();
        await client.SendAsync(StopMessage.Instance);
        var ended = (EndedMessage)(await client.WaitForAsync<EndedMessage>()).Message;

        foreach (var frame in client.All.Where(f => f.Message is not AudioMessage))
        {
            output.WriteLine($"{frame.At.TotalMilliseconds,7:F0} ms  {frame.Json}");
        }

        output.WriteLine($"agent audio frames: {client.All.Count(f => f.Message is AudioMessage)}; provider saw {provider.Transcriptions.Count} transcription(s) " +
            $"({string.Join(", ", provider.Transcriptions.Select(t => $"{t.Model}, {t.Samples.Length} samples at {t.SampleRate} Hz"))}) and speech requests " +
            string.Join(", ", provider.Speeches.Select(s => $"'{s.Input}' ({s.Model}, {s.Voice}, {s.ResponseFormat})")));
        Assert.Contains("twelve", ended.Payload.Transcript[0].Text, StringComparison.Ordinal);
        Assert.Contains("eighty-four", ended.Payload.Transcript[^1].Text, StringComparison.OrdinalIgnoreCase);
        Assert.Single(provider.Transcriptions);
        Assert.Contains(provider.Speeches, s => s.Input.Contains("eighty-four", StringComparison.OrdinalIgnoreCase) && s.Voice == "alloy");
        Assert.Empty(provider.Violations);
    }
}
