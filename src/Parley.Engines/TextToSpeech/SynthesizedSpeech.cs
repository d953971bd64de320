namespace Parley.Engines.TextToSpeech;

/// <summary>PCM16 mono speech at the engine's own rate.</summary>
public sealed record SynthesizedSpeech(short[] Samples, int SampleRate)
{
    /// <summary>How long the speech lasts.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}
