namespace Parley.Engines.Audio;

/// <summary>G.711 µ-law, the telephone network's 8-bit companding of PCM16 (ITU-T G.711, the continuous µ = 255 table).</summary>
/// <remarks>
/// Phone lines carry 8 kHz µ-law; a byte keeps a sign, a 3-bit segment (exponent) and a 4-bit step, inverted on the
/// wire so that silence is 0xFF. Decoding is a table of 256 entries; encoding is the segment search of the standard.
/// </remarks>
public static class MuLaw
{
    /// <summary>The byte of digital silence (positive zero).</summary>
    public const byte Silence = 0xFF;

    private const int Bias = 0x84;
    private const int Clip = 32635;

    private static readonly short[] Decoded = BuildDecodeTable();

    /// <summary>Decodes µ-law bytes into PCM16 samples, one per byte.</summary>
    public static void Decode(ReadOnlySpan<byte> encoded, Span<short> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, encoded.Length, nameof(destination));
        for (var i = 0; i < encoded.Length; i++)
        {
            destination[i] = Decoded[encoded[i]];
        }
    }

    /// <summary>Decodes µ-law bytes into a new PCM16 array.</summary>
    public static short[] Decode(ReadOnlySpan<byte> encoded)
    {
        var samples = new short[encoded.Length];
        Decode(encoded, samples);
        return samples;
    }

    /// <summary>Encodes PCM16 samples into µ-law bytes, one per sample.</summary>
    public static void Encode(ReadOnlySpan<short> samples, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, samples.Length, nameof(destination));
        for (var i = 0; i < samples.Length; i++)
        {
            destination[i] = Encode(samples[i]);
        }
    }

    /// <summary>Encodes one PCM16 sample.</summary>
    public static byte Encode(short sample)
    {
        int value = sample;
        var sign = (value >> 8) & 0x80;
        if (sign != 0)
        {
            value = -value;
        }

        value = Math.Min(value, Clip) + Bias;

        // The segment is the position of the highest set bit above the 4-bit step (bit 7 for segment 0).
        var exponent = 7;
        for (var mask = 0x4000; (value & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }

        var mantissa = (value >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    /// <summary>Decodes one µ-law byte.</summary>
    public static short Decode(byte encoded) => Decoded[encoded];

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            var value = ~i & 0xFF;
            var exponent = (value >> 4) & 0x07;
            var mantissa = value & 0x0F;
            var magnitude = (((mantissa << 3) + Bias) << exponent) - Bias;
            table[i] = (short)((value & 0x80) != 0 ? -magnitude : magnitude);
        }

        return table;
    }
}
