using Parley.Engines.Speech;

namespace Parley.Engines.SpeechToText.OpenAI;

/// <summary>An OpenAI-compatible transcription server (<c>POST /audio/transcriptions</c>): OpenAI, whisper.cpp's server, faster-whisper servers, vLLM, Groq.</summary>
public sealed record OpenAIRecognizerOptions
{
    /// <summary>The model used when none is listed or asked for.</summary>
    public const string FallbackModel = "whisper-1";

    /// <summary>The engine's name, as configured (errors and metrics carry it).</summary>
    public string Name { get; init; } = "openai";

    /// <summary>The base URL, up to <c>/v1</c> (requests go to <c>{BaseUrl}/audio/transcriptions</c>).</summary>
    public string BaseUrl { get; init; } = "https://api.openai.com/v1";

    /// <summary>The API key (sent as <c>Authorization: Bearer</c>); empty for servers that need none.</summary>
    public string ApiKey { get; init; } = "";

    /// <summary>The models the server serves; the first is the default (<see cref="FallbackModel"/> when empty).</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>The language spoken when a call names none (ISO-639-1, e.g. <c>en</c>); the server detects it when unset.</summary>
    public string? Language { get; init; }

    /// <summary>How long one transcription may take, upload included.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest utterance kept for upload; audio beyond it is refused with an error (the utterance is not cut).</summary>
    /// <remarks>60 s of 16 kHz PCM16 is 1.9 MB, well under OpenAI's 25 MB upload limit; the bound is at most 10 minutes.</remarks>
    public TimeSpan MaxUtterance { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The answer asked for: <c>json</c> (text only) or <c>verbose_json</c> (with segments, for servers that answer only that).</summary>
    public string ResponseFormat { get; init; } = "json";

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
            RemoteOptionChecks.Url(BaseUrl, "http", "https"),
            RemoteOptionChecks.Ids(nameof(Models), Models),
            DefaultModel is null || !string.IsNullOrWhiteSpace(DefaultModel) ? null : "DefaultModel is empty; leave it unset to use the first of Models.",
            RemoteOptionChecks.Duration(nameof(RequestTimeout), RequestTimeout, TimeSpan.FromMinutes(10)),
            RemoteOptionChecks.Duration(nameof(MaxUtterance), MaxUtterance, TimeSpan.FromMinutes(10)),
            ResponseFormat is "json" or "verbose_json" ? null : $"ResponseFormat must be 'json' or 'verbose_json' (got '{ResponseFormat}').",
        ];
        return problems.OfType<string>();
    }
}
