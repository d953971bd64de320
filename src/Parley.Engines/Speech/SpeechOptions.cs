namespace Parley.Engines.Speech;

/// <summary>Which recognisers and synthesisers serve sessions, bound from <c>Parley:Speech</c> and checked at start-up (<see cref="SpeechOptionsValidator"/>).</summary>
public sealed record SpeechOptions
{
    /// <summary>The embedded recogniser's name, always available.</summary>
    public const string EmbeddedRecognizer = "pocketsphinx";

    /// <summary>The embedded synthesiser's name, always available.</summary>
    public const string EmbeddedSynthesizer = "flite";

    /// <summary>The recogniser agents get when their <c>stt_model</c> names none: <c>pocketsphinx</c>, a provider, or <c>provider/model</c>.</summary>
    public string DefaultRecognizer { get; init; } = EmbeddedRecognizer;

    /// <summary>The synthesiser that speaks when a <c>voice_preset</c> names none: <c>flite</c> or a provider.</summary>
    public string DefaultSynthesizer { get; init; } = EmbeddedSynthesizer;

    /// <summary>What happens when a remote engine fails mid-call: the embedded one takes over for that utterance or sentence, or the session ends with <c>internal_error</c>.</summary>
    public SpeechFailureMode OnFailure { get; init; } = SpeechFailureMode.Fallback;

    /// <summary>Tries again on the same remote engine (retryable failures only) before falling back.</summary>
    public int MaxRetries { get; init; } = 1;

    /// <summary>Whether PocketSphinx's words drive turn-taking for a remote recogniser that gives none while the user speaks (its final text still counts); on unless set to false.</summary>
    public bool Hybrid { get; init; } = true;

    /// <summary>The remote engines.</summary>
    public IReadOnlyList<SpeechProviderOptions> Providers { get; init; } = [];
}
