using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Providers;

namespace Parley.Server.Tests.Speech;

/// <summary>One choice of speech engines for the speech report: the settings, and the loopback providers they talk to (with their stated delays).</summary>
internal sealed class SpeechConfiguration : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _providers = [];

    private SpeechConfiguration(string name, string delays) => (Name, Delays) = (name, delays);

    public string Name { get; }

    /// <summary>The provider latency the loopback servers add, as the report states it.</summary>
    public string Delays { get; }

    public List<string> Settings { get; } = [];

    public static IReadOnlyList<Func<Task<SpeechConfiguration>>> All { get; } =
    [
        () => Task.FromResult(new SpeechConfiguration("pocketsphinx + flite (embedded)", "none")),
        () => OpenAIAsync(hybrid: true),
        () => OpenAIAsync(hybrid: false),
        DeepgramElevenLabsAsync,
    ];

    public static readonly TimeSpan TranscriptionDelay = TimeSpan.FromMilliseconds(300);
    public static readonly TimeSpan SpeechDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan DeepgramDelay = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan ElevenLabsDelay = TimeSpan.FromMilliseconds(250);

    private static async Task<SpeechConfiguration> OpenAIAsync(bool hybrid)
    {
        var configuration = new SpeechConfiguration(
            hybrid ? "openai STT (hybrid: PocketSphinx partials) + openai TTS" : "openai STT (batch, turn-taking by sound) + openai TTS",
            $"transcription answered {TranscriptionDelay.TotalMilliseconds:F0} ms after upload; speech's first chunk {SpeechDelay.TotalMilliseconds:F0} ms after the request");
        var server = await OpenAIAudioServer.StartAsync("sk-report");
        server.ResponseDelay = TranscriptionDelay;
        configuration._providers.Add(server);
        configuration.Settings.AddRange(
        [
            "--Parley:Speech:Providers:0:Name", "local",
            "--Parley:Speech:Providers:0:Type", "openai",
            "--Parley:Speech:Providers:0:BaseUrl", server.BaseUrl,
            "--Parley:Speech:Providers:0:ApiKey", "sk-report",
            "--Parley:Speech:DefaultRecognizer", "local",
            "--Parley:Speech:DefaultSynthesizer", "local",
            "--Parley:Speech:Hybrid", hybrid ? "true" : "false",
        ]);
        return configuration;
    }

    private static async Task<SpeechConfiguration> DeepgramElevenLabsAsync()
    {
        var configuration = new SpeechConfiguration(
            "deepgram STT (streaming, end-of-turn events) + elevenlabs TTS (word timings)",
            $"Deepgram results {DeepgramDelay.TotalMilliseconds:F0} ms late; ElevenLabs' first audio {ElevenLabsDelay.TotalMilliseconds:F0} ms after the text");
        var deepgram = await DeepgramLiveServer.StartAsync("dg-report");
        deepgram.ResultDelay = DeepgramDelay;
        var elevenLabs = await ElevenLabsStreamServer.StartAsync("xi-report");
        elevenLabs.FirstAudioDelay = ElevenLabsDelay;
        configuration._providers.Add(deepgram);
        configuration._providers.Add(elevenLabs);
        configuration.Settings.AddRange(
        [
            "--Parley:Speech:Providers:0:Name", "dg",
            "--Parley:Speech:Providers:0:Type", "deepgram",
            "--Parley:Speech:Providers:0:BaseUrl", deepgram.BaseUrl,
            "--Parley:Speech:Providers:0:ApiKey", "dg-report",
            "--Parley:Speech:Providers:1:Name", "eleven",
            "--Parley:Speech:Providers:1:Type", "elevenlabs",
            "--Parley:Speech:Providers:1:BaseUrl", elevenLabs.BaseUrl,
            "--Parley:Speech:Providers:1:ApiKey", "xi-report",
            "--Parley:Speech:Providers:1:Voices:0", "rachel=21m00Tcm4TlvDq8ikWAM",
            "--Parley:Speech:DefaultRecognizer", "dg",
            "--Parley:Speech:DefaultSynthesizer", "eleven",
        ]);
        return configuration;
    }

    public Task<ConfiguredServerFixture> StartServerAsync() => ConfiguredServerFixture.StartAsync([.. Settings]);

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }
}
