using System.Buffers.Binary;

namespace Parley.Storage.Files;

/// <summary>The 44-byte header of a PCM16 WAV file (RIFF, <c>fmt </c>, <c>data</c>), for recordings stored as raw PCM.</summary>
public static class WavHeader
{
    /// <summary>The header's length.</summary>
    public const int Length = 44;

    /// <summary>The header of a PCM16 WAV holding <paramref name="dataBytes"/> bytes of samples.</summary>
    public static byte[] For(int sampleRate, int channels, long dataBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        // A RIFF length is 32 bits; recordings are bounded far below (a session lasts at most hours).
        var data = (uint)Math.Min(dataBytes, uint.MaxValue - Length);
        var header = new byte[Length];
        var span = header.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], data + Length - 8);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * channels * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], (short)(channels * 2));
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], data);
        return header;
    }
}
