using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Parley.Storage;

/// <summary>New identifiers: time-ordered UUIDs (v7), so ids sort by creation.</summary>
/// <remarks>
/// Lists are ordered and paged by id, so ids made in the same millisecond must still sort in the order they were
/// made; <see cref="Guid.CreateVersion7()"/> fills those bits at random. Here the 12 bits after the timestamp count
/// within the millisecond (RFC 9562, section 6.2, method 1), and a clock that steps back never makes an id sort
/// before an earlier one of this process.
/// </remarks>
public static class Ids
{
    private static readonly Lock Gate = new();
    private static long s_lastMilliseconds;
    private static int s_counter;

    /// <summary>A new id.</summary>
    public static string New()
    {
        long milliseconds;
        int counter;
        lock (Gate)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (now > s_lastMilliseconds)
            {
                // A random start in the lower half leaves room to count and keeps ids hard to guess.
                s_lastMilliseconds = now;
                s_counter = RandomNumberGenerator.GetInt32(0x800);
            }
            else if (++s_counter > 0xFFF)
            {
                // More than the counter holds in one millisecond: borrow the next one.
                s_lastMilliseconds++;
                s_counter = 0;
            }

            (milliseconds, counter) = (s_lastMilliseconds, s_counter);
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        BinaryPrimitives.WriteInt64BigEndian(bytes, milliseconds << 16);
        bytes[6] = (byte)(0x70 | (counter >> 8));
        bytes[7] = (byte)counter;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true).ToString();
    }
}
