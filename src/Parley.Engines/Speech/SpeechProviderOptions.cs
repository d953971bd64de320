namespace Parley.Engines.Speech;

/// <summary>One remote speech engine, as configured under <c>Parley:Speech:Providers</c>.</summary>
public sealed record SpeechProviderOptions
{
    /// <summary>How agents and clients name it (<c>openai</c>, <c>groq</c>, <c>local-whisper</c>).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Its wire format: <c>openai</c> (transcriptions and speech), <c>deepgram</c> (live recognition), <c>elevenlabs</c> (stream-input synthesis).</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>Where it answers; each type has a default (the vendor's own service).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Its key; may be empty for a local server.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Recognition models it serves (<c>stt_model</c> may name one); the first is its default.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Synthesis voices it has (<c>voice_preset</c> may name <c>provider/voice</c>); the first is its default.</summary>
    public IReadOnlyList<string> Voices { get; init; } = [];

    /// <summary>The synthesis model it is asked for, when it serves several.</summary>
    public string? SpeechModel { get; init; }

    /// <summary>The language spoken, when the engine needs telling (BCP 47).</summary>
    public string? Language { get; init; }

    /// <summary>How long a request may take to be answered (a final text, a first audio chunk).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a stream may go silent (no chunk, no result) before it counts as stalled.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
