namespace Parley.MicroBench;

/// <summary>Names the audio a benchmark method handles, for the <see cref="AudioDurationColumn"/> and <see cref="RealTimeFactorColumn"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AudioDurationAttribute(AudioClip clip) : Attribute
{
    /// <summary>The audio the method decodes, synthesises or converts in one call.</summary>
    public AudioClip Clip { get; } = clip;
}
