using System.Buffers.Binary;
using System.Text;

namespace Parley.Client.Audio;

/// <summary>Reads and writes PCM16 mono WAV files; nothing is resampled, so rates must be what the wire uses (16 kHz in, 24 kHz out).</summary>
public static class WavFile
{
    /// <summary>The size of the canonical header this class writes.</summary>
    public const int HeaderBytes = 44;

    /// <summary>Reads a PCM16 mono WAV file.</summary>
    /// <exception cref="InvalidDataException">Not a RIFF/WAVE file, or not PCM16 mono.</exception>
    public static WavAudio Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a PCM16 mono WAV file and checks its rate.</summary>
    /// <exception cref="InvalidDataException">Another format or another rate; the message says what to convert to.</exception>
    public static WavAudio Read(string path, int requiredSampleRate)
    {
        var audio = Read(path);
        return audio.SampleRate == requiredSampleRate
            ? audio
            : throw new InvalidDataException($"{path} is {audio.SampleRate} Hz; it must be {requiredSampleRate} Hz PCM16 mono (e.g. sox in.wav -r {requiredSampleRate} -c 1 -b 16 out.wav).");
    }

    /// <summary>Reads PCM16 mono WAV from a stream; <paramref name="name"/> is used in error messages.</summary>
    public static WavAudio Read(Stream stream, string name = "the WAV stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        if (bytes.Length < 12 || Encoding.ASCII.GetString(bytes[..4]) != "RIFF" || Encoding.ASCII.GetString(bytes[8..12]) != "WAVE")
        {
            throw new InvalidDataException($"{name} is not a RIFF/WAVE file.");
        }

        int? rate = null;
        var offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = Encoding.ASCII.GetString(bytes.Slice(offset, 4));
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes[(offset + 4)..]);
            var available = Math.Min(size < 0 ? int.MaxValue : size, bytes.Length - offset - 8);
            var body = bytes.Slice(offset + 8, available);
            if (id == "fmt ")
            {
                var format = BinaryPrimitives.ReadInt16LittleEndian(body);
                var channels = BinaryPrimitives.ReadInt16LittleEndian(body[2..]);
                var bits = BinaryPrimitives.ReadInt16LittleEndian(body[14..]);
                if (format != 1 || channels != 1 || bits != 16)
                {
                    throw new InvalidDataException($"{name} is {bits}-bit, {channels} channel(s), format {format}; only PCM16 mono is supported.");
                }

                rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
            }
            else if (id == "data")
            {
                // A streamed WAV may say 0 or -1 for its data size: take what is there.
                var data = size <= 0 ? bytes[(offset + 8)..] : body;
                return new WavAudio(data[..(data.Length & ~1)].ToArray(), rate ?? throw new InvalidDataException($"{name}: data comes before fmt."));
            }

            offset += 8 + available + (available & 1);
        }

        throw new InvalidDataException($"{name} has no data chunk.");
    }

    /// <summary>Writes PCM16 mono samples as a WAV file.</summary>
    public static void Write(string path, ReadOnlySpan<byte> pcm, int sampleRate)
    {
        using var stream = File.Create(path);
        Write(stream, pcm, sampleRate);
    }

    /// <summary>Writes PCM16 mono samples as WAV to a stream.</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> pcm, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Header(pcm.Length, sampleRate));
        stream.Write(pcm);
    }

    /// <summary>The canonical 44-byte header of <paramref name="dataBytes"/> bytes of PCM16 mono.</summary>
    public static byte[] Header(int dataBytes, int sampleRate)
    {
        var header = new byte[HeaderBytes];
        var span = header.AsSpan();
        Encoding.ASCII.GetBytes("RIFF", span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        Encoding.ASCII.GetBytes("WAVEfmt ", span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        Encoding.ASCII.GetBytes("data", span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        return header;
    }
}
