namespace Parley.Engines.Audio;

/// <summary>Converts PCM16 mono audio between sample rates; thread-safe.</summary>
public interface IAudioResampler
{
    /// <summary>Resamples a whole clip (start and end flushed).</summary>
    short[] Resample(ReadOnlySpan<short> input, int inputRate, int outputRate);
}
