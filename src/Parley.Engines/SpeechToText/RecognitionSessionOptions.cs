namespace Parley.Engines.SpeechToText;

/// <summary>What a call asks of its recogniser.</summary>
public sealed record RecognitionSessionOptions
{
    /// <summary>The model, when the engine serves several (<c>whisper-1</c>, <c>nova-3</c>); null for the engine's default.</summary>
    public string? Model { get; init; }

    /// <summary>The language spoken (BCP 47, e.g. <c>en</c>); null for the engine's default.</summary>
    public string? Language { get; init; }
}
