using System.Buffers.Binary;

namespace Parley.Engines.SpeechToText;

/// <summary>The wire format between the server and a forked decoder (<c>PocketSphinxHelper/protocol.h</c>, kept in step).</summary>
/// <remarks>
/// A frame is an 8-byte header (type, three reserved bytes, a 32-bit length) and its payload; both ends are on the
/// same machine, so integers are in its byte order (little-endian on every platform .NET and Debian share here).
/// </remarks>
internal static class PocketSphinxHelperProtocol
{
    /// <summary>The version this server speaks; a helper built from older sources says another and is refused.</summary>
    public const int Version = 1;

    public const int HeaderBytes = 8;

    /// <summary>Most audio bytes in one frame (2 s at 16 kHz); longer pushes are split.</summary>
    public const int MaxAudioBytes = 65536;

    /// <summary>Most text bytes in a reply; the helper cuts longer hypotheses.</summary>
    public const int MaxTextBytes = 65536;

    public const byte Audio = (byte)'A';
    public const byte Partial = (byte)'P';
    public const byte Complete = (byte)'C';
    public const byte Ready = (byte)'R';
    public const byte Hypothesis = (byte)'H';
    public const byte Final = (byte)'F';
    public const byte Error = (byte)'X';

    /// <summary>Writes a frame header into the first <see cref="HeaderBytes"/> bytes of <paramref name="destination"/>.</summary>
    public static void WriteHeader(Span<byte> destination, byte type, int length)
    {
        destination[..HeaderBytes].Clear();
        destination[0] = type;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], checked((uint)length));
    }

    /// <summary>Reads a frame header; the length is checked against the largest payload of any frame.</summary>
    public static (byte Type, int Length) ReadHeader(ReadOnlySpan<byte> header)
    {
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (length > Math.Max(MaxAudioBytes, MaxTextBytes))
        {
            throw new InvalidDataException($"A decoder process sent a frame of {length} bytes, more than any frame holds.");
        }

        return (header[0], (int)length);
    }
}
