using Parley.Engines.Speech;

namespace Parley.Engines.TextToSpeech.ElevenLabs;

/// <summary>ElevenLabs' WebSocket stream-input text-to-speech API, with character alignment.</summary>
public sealed record ElevenLabsSynthesizerOptions
{
    /// <summary>The model used when none is listed or asked for: ElevenLabs' low-latency model.</summary>
    public const string FallbackModel = "eleven_flash_v2_5";

    /// <summary>The PCM rates ElevenLabs offers (<c>output_format=pcm_{rate}</c>).</summary>
    public static IReadOnlyList<int> SampleRates { get; } = [16000, 22050, 24000, 44100];

    /// <summary>The engine's name, as configured (errors and metrics carry it).</summary>
    public string Name { get; init; } = "elevenlabs";

    /// <summary>The base URL, up to <c>/v1</c> (requests go to <c>{BaseUrl}/text-to-speech/{voice_id}/stream-input</c>).</summary>
    public string BaseUrl { get; init; } = "wss://api.elevenlabs.io/v1";

    /// <summary>The API key (sent as the <c>xi-api-key</c> header); required.</summary>
    public string ApiKey { get; init; } = "";

    /// <summary>The models it may use; the first is the default (<see cref="FallbackModel"/> when empty).</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>The voices: voice ids, or <c>name=voice_id</c> to give one a name agents can use; the first is the default. Required.</summary>
    public IReadOnlyList<string> Voices { get; init; } = [];

    /// <summary>The voice (its name) used when a request names none; the first of <see cref="Voices"/> when unset.</summary>
    public string? DefaultVoice { get; init; }

    /// <summary>How long from connecting to the first audio.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A sentence fails when nothing arrives for this long once its audio has begun.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The rate of the PCM asked for; one of <see cref="SampleRates"/>.</summary>
    public int SampleRate { get; init; } = 24000;

    /// <summary><c>voice_settings.stability</c> (0–1).</summary>
    public double Stability { get; init; } = 0.5;

    /// <summary><c>voice_settings.similarity_boost</c> (0–1).</summary>
    public double SimilarityBoost { get; init; } = 0.8;

    /// <summary><c>voice_settings.speed</c> (0.7–1.2); the voice's own when unset.</summary>
    public double? Speed { get; init; }

    /// <summary>The model used when a call names none; the first of <see cref="Models"/> when unset, else <see cref="FallbackModel"/>.</summary>
    public string? DefaultModel { get; init; }

    /// <summary>The model a call that names none gets.</summary>
    internal string EffectiveModel => DefaultModel ?? (Models.Count > 0 ? Models[0] : FallbackModel);

    /// <summary>What is wrong with these options, one message per setting, naming it; empty when they are usable.</summary>
    public IEnumerable<string> Validate()
    {
        string?[] problems =
        [
            RemoteOptionChecks.Name(Name),
            RemoteOptionChecks.Url(BaseUrl, "ws", "wss"),
            string.IsNullOrWhiteSpace(ApiKey) ? "ApiKey must be set: ElevenLabs refuses requests without one." : null,
            RemoteOptionChecks.Ids(nameof(Models), Models),
            DefaultModel is null || !string.IsNullOrWhiteSpace(DefaultModel) ? null : "DefaultModel is empty; leave it unset to use the first of Models.",
            Voices.Count == 0 ? "Voices must list at least one voice id (or name=voice_id)." : null,
            ElevenLabsVoices.Problem(Voices),
            DefaultVoice is null || new ElevenLabsVoices(Voices).IdOf(DefaultVoice) is not null ? null : $"DefaultVoice '{DefaultVoice}' is not one of the voices' names.",
            RemoteOptionChecks.Duration(nameof(RequestTimeout), RequestTimeout, TimeSpan.FromMinutes(5)),
            RemoteOptionChecks.Duration(nameof(StallTimeout), StallTimeout, TimeSpan.FromMinutes(5)),
            SampleRates.Contains(SampleRate) ? null : $"SampleRate must be one of {string.Join(", ", SampleRates)} (got {SampleRate}).",
            Stability is >= 0 and <= 1 && SimilarityBoost is >= 0 and <= 1 ? null : "Stability and SimilarityBoost must be between 0 and 1.",
            Speed is null or (>= 0.7 and <= 1.2) ? null : $"Speed must be between 0.7 and 1.2 (got {Speed}).",
        ];
        return problems.OfType<string>();
    }
}
