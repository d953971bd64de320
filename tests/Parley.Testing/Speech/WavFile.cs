using System.Buffers.Binary;
using System.Text;

namespace Parley.Testing.Speech;

/// <summary>Reads and writes PCM16 mono WAV files, for tests.</summary>
public static class WavFile
{
    /// <summary>The samples and rate of a PCM16 mono WAV.</summary>
    public static (short[] Samples, int SampleRate) Read(string path) => Read(File.ReadAllBytes(path), path);

    /// <summary>The samples and rate of a PCM16 mono WAV held in memory; <paramref name="name"/> names it in errors.</summary>
    public static (short[] Samples, int SampleRate) Read(byte[] bytes, string name)
    {
        var path = name;
        if (bytes.Length < 12 || Encoding.ASCII.GetString(bytes, 0, 4) != "RIFF" || Encoding.ASCII.GetString(bytes, 8, 4) != "WAVE")
        {
            throw new InvalidDataException($"{path} is not a RIFF/WAVE file.");
        }

        int? rate = null;
        var offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = Encoding.ASCII.GetString(bytes, offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            var body = bytes.AsSpan(offset + 8, Math.Min(size, bytes.Length - offset - 8));
            if (id == "fmt ")
            {
                var format = BinaryPrimitives.ReadInt16LittleEndian(body);
                var channels = BinaryPrimitives.ReadInt16LittleEndian(body[2..]);
                var bits = BinaryPrimitives.ReadInt16LittleEndian(body[14..]);
                if (format != 1 || channels != 1 || bits != 16)
                {
                    throw new InvalidDataException($"{path}: only PCM16 mono is supported.");
                }

                rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
            }
            else if (id == "data")
            {
                var samples = new short[body.Length / 2];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(2 * i)..]);
                }

                return (samples, rate ?? throw new InvalidDataException($"{path}: data before fmt."));
            }

            offset += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"{path} has no data chunk.");
    }
}
