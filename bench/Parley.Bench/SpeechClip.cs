using System.Buffers.Binary;
using System.Diagnostics;

namespace Parley.Bench;

/// <summary>One spoken sentence as 16 kHz PCM16 mono, and where its speech truly ends.</summary>
internal sealed record SpeechClip(string Text, short[] Samples, int EndOfSpeechSample)
{
    /// <summary>Samples quieter than this (-36 dBFS) are not speech when finding the clip's true end.</summary>
    public const short SpeechThreshold = 520;

    public const int SampleRate = 16000;

    /// <summary>Where the speech ends, from the clip's first sample.</summary>
    public TimeSpan EndOfSpeech => TimeSpan.FromSeconds((double)EndOfSpeechSample / SampleRate);

    /// <summary>Where the speech starts, from the clip's first sample.</summary>
    public TimeSpan StartOfSpeech => TimeSpan.FromSeconds((double)FindStartOfSpeech(Samples) / SampleRate);

    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);

    /// <summary>Synthesises the text with the <c>flite</c> command line and reads the WAV it writes.</summary>
    public static async Task<SpeechClip> SynthesiseAsync(string text, string voice, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Path.GetTempPath(), $"parley-bench-{Guid.NewGuid():N}.wav");
        try
        {
            var start = new ProcessStartInfo("flite") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { "-voice", voice, "-t", text, "-o", path })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start flite");
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"flite failed ({process.ExitCode}): {await stderr}");
            }

            var samples = ReadWav(await File.ReadAllBytesAsync(path, cancellationToken));
            return new SpeechClip(text, samples, FindEndOfSpeech(samples));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The index just past the last sample louder than <see cref="SpeechThreshold"/>.</summary>
    public static int FindEndOfSpeech(ReadOnlySpan<short> samples)
    {
        for (var i = samples.Length - 1; i >= 0; i--)
        {
            if (Math.Abs((int)samples[i]) > SpeechThreshold)
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>The index of the first sample louder than <see cref="SpeechThreshold"/>.</summary>
    public static int FindStartOfSpeech(ReadOnlySpan<short> samples)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            if (Math.Abs((int)samples[i]) > SpeechThreshold)
            {
                return i;
            }
        }

        return samples.Length;
    }

    /// <summary>Reads a PCM16 mono WAV; other rates are resampled linearly to 16 kHz.</summary>
    public static short[] ReadWav(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("not a RIFF/WAVE file");
        }

        int rate = 0, channels = 0, bits = 0;
        var offset = 12;
        while (offset + 8 <= wav.Length)
        {
            var id = wav.Slice(offset, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(offset + 4, 4));
            var body = wav.Slice(offset + 8, Math.Min(size, wav.Length - offset - 8));
            if (id.SequenceEqual("fmt "u8))
            {
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (channels != 1 || bits != 16)
                {
                    throw new InvalidDataException($"need PCM16 mono, got {channels} channel(s) of {bits} bits");
                }

                var samples = new short[body.Length / 2];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(2 * i)..]);
                }

                return rate == SampleRate ? samples : Resample(samples, rate);
            }

            offset += 8 + size + (size & 1);
        }

        throw new InvalidDataException("WAV has no data chunk");
    }

    private static short[] Resample(short[] samples, int rate)
    {
        var output = new short[(int)((long)samples.Length * SampleRate / rate)];
        for (var i = 0; i < output.Length; i++)
        {
            var position = (double)i * rate / SampleRate;
            var left = (int)position;
            var right = Math.Min(left + 1, samples.Length - 1);
            var fraction = position - left;
            output[i] = (short)Math.Round(samples[left] * (1 - fraction) + samples[right] * fraction);
        }

        return output;
    }
}
