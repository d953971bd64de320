using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Parley.Engines.Audio;

/// <summary>Helpers for PCM16 mono audio: byte conversion, float scaling and levels.</summary>
public static class Pcm16
{
    /// <summary>The magnitude that maps to 1.0 when scaling samples to floats.</summary>
    public const float FullScale = 32768f;

    /// <summary>Decodes little-endian PCM16 bytes into a new sample array.</summary>
    /// <exception cref="ArgumentException">The byte count is odd.</exception>
    public static short[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        var samples = new short[CheckedSampleCount(bytes)];
        FromBytes(bytes, samples);
        return samples;
    }

    /// <summary>Decodes little-endian PCM16 bytes into <paramref name="destination"/>, which must hold them all.</summary>
    public static void FromBytes(ReadOnlySpan<byte> bytes, Span<short> destination)
    {
        var count = CheckedSampleCount(bytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, count, nameof(destination));
        var source = MemoryMarshal.Cast<byte, short>(bytes);
        if (BitConverter.IsLittleEndian)
        {
            source.CopyTo(destination);
        }
        else
        {
            BinaryPrimitives.ReverseEndianness(source, destination[..count]);
        }
    }

    /// <summary>Encodes samples as little-endian PCM16 bytes.</summary>
    public static byte[] ToBytes(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * sizeof(short)];
        ToBytes(samples, bytes);
        return bytes;
    }

    /// <summary>Encodes samples as little-endian PCM16 bytes into <paramref name="destination"/>, which must hold them all.</summary>
    public static void ToBytes(ReadOnlySpan<short> samples, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, samples.Length * sizeof(short), nameof(destination));
        var target = MemoryMarshal.Cast<byte, short>(destination)[..samples.Length];
        if (BitConverter.IsLittleEndian)
        {
            samples.CopyTo(target);
        }
        else
        {
            BinaryPrimitives.ReverseEndianness(samples, target);
        }
    }

    /// <summary>Scales samples to [-1, 1) into <paramref name="destination"/>, which must hold them all.</summary>
    public static void ToFloat(ReadOnlySpan<short> samples, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, samples.Length, nameof(destination));
        for (var i = 0; i < samples.Length; i++)
        {
            destination[i] = samples[i] / FullScale;
        }
    }

    /// <summary>Root mean square level as a fraction of full scale (0 for silence or an empty span).</summary>
    public static float Rms(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return 0f;
        }

        // A long cannot overflow here: 2^30 per sample allows 2^33 samples.
        long sumOfSquares = 0;
        foreach (var sample in samples)
        {
            sumOfSquares += sample * sample;
        }

        return (float)(Math.Sqrt((double)sumOfSquares / samples.Length) / FullScale);
    }

    /// <summary>Largest absolute sample as a fraction of full scale (0 for silence or an empty span).</summary>
    public static float Peak(ReadOnlySpan<short> samples)
    {
        var peak = 0;
        foreach (var sample in samples)
        {
            peak = Math.Max(peak, Math.Abs((int)sample));
        }

        return peak / FullScale;
    }

    private static int CheckedSampleCount(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(short) != 0)
        {
            throw new ArgumentException($"PCM16 needs an even number of bytes, got {bytes.Length}.", nameof(bytes));
        }

        return bytes.Length / sizeof(short);
    }
}
