using System.Buffers.Binary;
using System.Text;
using Parley.Engines.Audio;

namespace Parley.Engines.Tests.TestAudio;

/// <summary>Reads RIFF/WAVE files holding PCM16 mono audio (what the flite command line writes).</summary>
internal static class WavFile
{
    /// <summary>Reads the samples and sample rate; throws <see cref="InvalidDataException"/> on anything else.</summary>
    public static (short[] Samples, int SampleRate) Read(string path) => Parse(File.ReadAllBytes(path));

    /// <summary>Parses a whole WAV file held in memory.</summary>
    public static (short[] Samples, int SampleRate) Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12 || !IsTag(file[..4], "RIFF") || !IsTag(file[8..12], "WAVE"))
        {
            throw new InvalidDataException("Not a RIFF/WAVE file.");
        }

        int? sampleRate = null;
        var position = 12;
        while (position + 8 <= file.Length)
        {
            var tag = file.Slice(position, 4);
            var size = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(position + 4, 4)));
            var body = file.Slice(position + 8, Math.Min(size, file.Length - position - 8));
            if (IsTag(tag, "fmt "))
            {
                var format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                var channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                var bitsPerSample = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
                if (format != 1 || channels != 1 || bitsPerSample != 16)
                {
                    throw new InvalidDataException($"Need PCM16 mono, got format {format}, {channels} channels, {bitsPerSample} bits.");
                }

                sampleRate = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(body[4..]));
            }
            else if (IsTag(tag, "data"))
            {
                if (sampleRate is null)
                {
                    throw new InvalidDataException("The data chunk comes before the fmt chunk.");
                }

                return (Pcm16.FromBytes(body[..(body.Length & ~1)]), sampleRate.Value);
            }

            // Chunks are padded to an even size.
            position += 8 + size + (size & 1);
        }

        throw new InvalidDataException("No data chunk.");
    }

    private static bool IsTag(ReadOnlySpan<byte> bytes, string tag) => bytes.SequenceEqual(Encoding.ASCII.GetBytes(tag));
}
