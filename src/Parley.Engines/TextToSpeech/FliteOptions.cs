namespace Parley.Engines.TextToSpeech;

/// <summary>Configuration of the Flite synthesiser.</summary>
public sealed record FliteOptions
{
    /// <summary>The voice used when none is asked for; one of <see cref="FliteSynthesizer.Voices"/>.</summary>
    public string DefaultVoice { get; init; } = "slt";

    /// <summary>Most syntheses running at once (the rest wait, a reply's first piece ahead of later ones); one per core by default.</summary>
    public int MaxConcurrentSyntheses { get; init; } = Environment.ProcessorCount;
}
