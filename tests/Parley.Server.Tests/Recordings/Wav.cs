using System.Buffers.Binary;
using System.Text;

namespace Parley.Server.Tests.Recordings;

/// <summary>A downloaded PCM16 WAV: its format and samples (interleaved when stereo).</summary>
internal sealed record Wav(int SampleRate, int Channels, short[] Samples)
{
    public double DurationMs => Samples.Length / (double)Channels * 1000 / SampleRate;

    /// <summary>One channel's samples.</summary>
    public short[] Channel(int channel) => [.. Enumerable.Range(0, Samples.Length / Channels).Select(i => Samples[(i * Channels) + channel])];

    /// <summary>Reads a canonical PCM16 WAV, checking the header against the data.</summary>
    public static Wav Parse(byte[] bytes)
    {
        Assert.True(bytes.Length >= 44, $"{bytes.Length} bytes is no WAV");
        Assert.Equal("RIFF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(bytes.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal("WAVEfmt ", Encoding.ASCII.GetString(bytes, 8, 8));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(20)));
        var channels = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(22));
        var rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24));
        Assert.Equal(16, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(34)));
        Assert.Equal("data", Encoding.ASCII.GetString(bytes, 36, 4));
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(40));
        Assert.Equal(bytes.Length - 44, length);
        var samples = new short[length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(44 + (2 * i)));
        }

        return new Wav(rate, channels, samples);
    }
}
