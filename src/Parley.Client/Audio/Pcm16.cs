using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Parley.Client.Audio;

/// <summary>PCM16 little-endian mono helpers: bytes and samples, duration, loudness.</summary>
public static class Pcm16
{
    /// <summary>The bytes of <paramref name="samples"/>, little-endian.</summary>
    public static byte[] ToBytes(ReadOnlySpan<short> samples)
    {
        if (BitConverter.IsLittleEndian)
        {
            return MemoryMarshal.AsBytes(samples).ToArray();
        }

        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), samples[i]);
        }

        return bytes;
    }

    /// <summary>The samples of little-endian <paramref name="bytes"/> (an odd last byte is ignored).</summary>
    public static short[] ToSamples(ReadOnlySpan<byte> bytes)
    {
        var samples = new short[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(i * 2)..]);
        }

        return samples;
    }

    /// <summary>How long <paramref name="byteCount"/> bytes play at <paramref name="sampleRate"/>.</summary>
    public static TimeSpan Duration(long byteCount, int sampleRate) => TimeSpan.FromSeconds(byteCount / 2.0 / sampleRate);

    /// <summary>The byte count of <paramref name="duration"/> at <paramref name="sampleRate"/>, whole samples.</summary>
    public static int ByteCount(TimeSpan duration, int sampleRate) => (int)(duration.TotalSeconds * sampleRate) * 2;

    /// <summary>Root mean square of the samples: 0 is silence, speech is in the hundreds to thousands.</summary>
    public static double Rms(ReadOnlySpan<byte> bytes)
    {
        var count = bytes.Length / 2;
        if (count == 0)
        {
            return 0;
        }

        double sum = 0;
        for (var i = 0; i < count; i++)
        {
            double sample = BinaryPrimitives.ReadInt16LittleEndian(bytes[(i * 2)..]);
            sum += sample * sample;
        }

        return Math.Sqrt(sum / count);
    }
}
