namespace Parley.Engines.VoiceActivity;

/// <summary>One session's voice activity state. Not thread-safe: one caller at a time.</summary>
public interface IVoiceActivityStream : IDisposable
{
    /// <summary>Returns the probability (0 to 1) that one frame of exactly <see cref="IVoiceActivityDetector.FrameSamples"/> samples, scaled to [-1, 1], holds speech.</summary>
    float Process(ReadOnlySpan<float> frame);

    /// <summary>Forgets all state, as a new stream.</summary>
    void Reset();
}
