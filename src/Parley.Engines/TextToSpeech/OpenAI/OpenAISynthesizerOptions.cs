using Parley.Engines.Speech;

namespace Parley.Engines.TextToSpeech.OpenAI;

/// <summary>An OpenAI-compatible speech server (<c>POST /audio/speech</c> with <c>pcm</c> output): OpenAI, Kokoro and Piper servers that speak this API.</summary>
public sealed record OpenAISynthesizerOptions
{
    /// <summary>The model used when none is listed or asked for.</summary>
    public const string FallbackModel = "tts-1";

    /// <summary>OpenAI's own voices, offered when <see cref="Voices"/> lists none.</summary>
    public static IReadOnlyList<string> OpenAIVoices { get; } = ["alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse"];

    /// <summary>The engine's name, as configured (errors and metrics carry it).</summary>
    public string Name { get; init; } = "openai";

    /// <summary>The base URL, up to <c>/v1</c> (requests go to <c>{BaseUrl}/audio/speech</c>).</summary>
    public string BaseUrl { get; init; } = "https://api.openai.com/v1";

    /// <summary>The API key (sent as <c>Authorization: Bearer</c>); empty for servers that need none.</summary>
    public string ApiKey { get; init; } = "";

    /// <summary>The models the server serves; the first is the default (<see cref="FallbackModel"/> when empty).</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>The voices it may speak with (<c>alloy</c>, <c>af_heart</c>, …); the first is the default; <see cref="OpenAIVoices"/> when empty.</summary>
    public IReadOnlyList<string> Voices { get; init; } = [];

    /// <summary>How long from the request to the first byte of audio.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A sentence fails when no audio arrives for this long once it has begun.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The model used when a call names none; the first of <see cref="Models"/> when unset, else <see cref="FallbackModel"/>.</summary>
    public string? DefaultModel { get; init; }

    /// <summary>The model a call that names none gets.</summary>
    internal string EffectiveModel => DefaultModel ?? (Models.Count > 0 ? Models[0] : FallbackModel);

    /// <summary>The voice used when a request names none; the first of the voices when unset.</summary>
    public string? DefaultVoice { get; init; }

    /// <summary>The voices offered.</summary>
    internal IReadOnlyList<string> EffectiveVoices => Voices.Count > 0 ? Voices : OpenAIVoices;

    /// <summary>What is wrong with these options, one message per setting, naming it; empty when they are usable.</summary>
    public IEnumerable<string> Validate()
    {
        string?[] problems =
        [
            RemoteOptionChecks.Name(Name),
            RemoteOptionChecks.Url(BaseUrl, "http", "https"),
            RemoteOptionChecks.Ids(nameof(Models), Models),
            DefaultModel is null || !string.IsNullOrWhiteSpace(DefaultModel) ? null : "DefaultModel is empty; leave it unset to use the first of Models.",
            RemoteOptionChecks.Ids(nameof(Voices), Voices),
            DefaultVoice is null || EffectiveVoices.Contains(DefaultVoice, StringComparer.OrdinalIgnoreCase) ? null : $"DefaultVoice '{DefaultVoice}' is not one of the voices ({string.Join(", ", EffectiveVoices)}).",
            RemoteOptionChecks.Duration(nameof(RequestTimeout), RequestTimeout, TimeSpan.FromMinutes(5)),
            RemoteOptionChecks.Duration(nameof(StallTimeout), StallTimeout, TimeSpan.FromMinutes(5)),
        ];
        return problems.OfType<string>();
    }
}
