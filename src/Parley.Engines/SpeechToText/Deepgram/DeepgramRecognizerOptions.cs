using Parley.Engines.Speech;

namespace Parley.Engines.SpeechToText.Deepgram;

/// <summary>Deepgram's live streaming API (<c>wss://api.deepgram.com/v1/listen</c>).</summary>
public sealed record DeepgramRecognizerOptions
{
    /// <summary>The model used when none is listed or asked for.</summary>
    public const string FallbackModel = "nova-3";

    /// <summary>The engine's name, as configured (errors and metrics carry it).</summary>
    public string Name { get; init; } = "deepgram";

    /// <summary>The base URL, up to <c>/v1</c> (connections go to <c>{BaseUrl}/listen</c>).</summary>
    public string BaseUrl { get; init; } = "wss://api.deepgram.com/v1";

    /// <summary>The API key (sent as <c>Authorization: Token</c>); required.</summary>
    public string ApiKey { get; init; } = "";

    /// <summary>The models it may use; the first is the default (<see cref="FallbackModel"/> when empty).</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>The language spoken when a call names none (<c>language=</c>); Deepgram's default (English) when unset.</summary>
    public string? Language { get; init; }

    /// <summary>How long a connection (or a reconnection) may take to open.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long Deepgram may take to answer <c>Finalize</c> at the end of an utterance, and to close after <c>CloseStream</c>.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Silence after which Deepgram finalises what it heard and marks it <c>speech_final</c> (<c>endpointing=</c>).</summary>
    public TimeSpan Endpointing { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>A gap after the last word that makes Deepgram send <c>UtteranceEnd</c> (<c>utterance_end_ms=</c>; Deepgram advises 1 s or more).</summary>
    public TimeSpan UtteranceEnd { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>Punctuation and formatting of numbers and dates (<c>smart_format=</c>).</summary>
    public bool SmartFormat { get; init; } = true;

    /// <summary>How often a <c>KeepAlive</c> is sent while no audio is (Deepgram closes a connection silent for 10 s; it advises every 3–5 s).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Connection attempts after a drop before the session reports the engine down; the first is immediate.</summary>
    public int ReconnectAttempts { get; init; } = 3;

    /// <summary>The wait before the second attempt; it doubles for each one after.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Audio that may wait to be sent; when the network falls further behind, the utterance fails rather than queue without end.</summary>
    /// <remarks>Live audio arrives in real time, but a caller may push a burst at once (speech held back while an utterance began).</remarks>
    public TimeSpan MaxQueuedAudio { get; init; } = TimeSpan.FromSeconds(10);

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
            string.IsNullOrWhiteSpace(ApiKey) ? "ApiKey must be set: Deepgram refuses connections without one." : null,
            RemoteOptionChecks.Ids(nameof(Models), Models),
            DefaultModel is null || !string.IsNullOrWhiteSpace(DefaultModel) ? null : "DefaultModel is empty; leave it unset to use the first of Models.",
            RemoteOptionChecks.Duration(nameof(RequestTimeout), RequestTimeout, TimeSpan.FromMinutes(2)),
            RemoteOptionChecks.Duration(nameof(StallTimeout), StallTimeout, TimeSpan.FromMinutes(2)),
            Endpointing >= TimeSpan.FromMilliseconds(10) && Endpointing <= TimeSpan.FromSeconds(10) ? null : $"Endpointing must be between 10 ms and 10 s (got {Endpointing}).",
            UtteranceEnd >= TimeSpan.FromMilliseconds(1000) && UtteranceEnd <= TimeSpan.FromSeconds(10) ? null : $"UtteranceEnd must be between 1 s and 10 s (got {UtteranceEnd}).",
            KeepAliveInterval >= TimeSpan.FromSeconds(1) && KeepAliveInterval < TimeSpan.FromSeconds(10) ? null : $"KeepAliveInterval must be at least 1 s and under Deepgram's 10 s timeout (got {KeepAliveInterval}).",
            ReconnectAttempts is >= 1 and <= 10 ? null : $"ReconnectAttempts must be between 1 and 10 (got {ReconnectAttempts}).",
            RemoteOptionChecks.Duration(nameof(ReconnectDelay), ReconnectDelay, TimeSpan.FromSeconds(30)),
            RemoteOptionChecks.Duration(nameof(MaxQueuedAudio), MaxQueuedAudio, TimeSpan.FromSeconds(60)),
        ];
        return problems.OfType<string>();
    }
}
