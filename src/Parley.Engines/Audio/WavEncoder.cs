using System.Buffers.Binary;

namespace Parley.Engines.Audio;

/// <summary>Writes PCM16 mono audio as a RIFF/WAVE file, the one container every transcription server reads.</summary>
public static class WavEncoder
{
    private const int HeaderBytes = 44;

    /// <summary>The WAV bytes of <paramref name="samples"/> at <paramref name="sampleRate"/>.</summary>
    public static byte[] Encode(ReadOnlySpan<short> samples, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var dataBytes = samples.Length * sizeof(short);
        var wav = new byte[HeaderBytes + dataBytes];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], HeaderBytes - 8 + dataBytes);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * sizeof(short));
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], sizeof(short));
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        Pcm16.ToBytes(samples, span[HeaderBytes..]);
        return wav;
    }
}
