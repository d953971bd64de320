namespace Parley.Engines.TextToSpeech;

/// <summary>Configuration of the Flite synthesiser.</summary>
public sealed record FliteOptions
{
    /// <summary>The voice used when none is asked for; one of <see cref="FliteSynthesizer.Voices"/>.</summary>
    public string DefaultVoice { get; init; } = "slt";
}
