using Parley.Engines.Audio;

namespace Parley.Engines.Tests.Audio;

public sealed class Pcm16Tests
{
    [Fact]
    public void BytesAreLittleEndianBothWays()
    {
        short[] samples = [0, 1, -1, short.MaxValue, short.MinValue, 0x1234];

        var bytes = Pcm16.ToBytes(samples);

        Assert.Equal(new byte[] { 0, 0, 1, 0, 0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x80, 0x34, 0x12 }, bytes);
        Assert.Equal(samples, Pcm16.FromBytes(bytes));
    }

    [Fact]
    public void OddByteCountIsRejected() => Assert.Throws<ArgumentException>(() => Pcm16.FromBytes(new byte[3]));

    [Fact]
    public void TooSmallDestinationIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Pcm16.FromBytes(new byte[4], new short[1]));

    [Fact]
    public void FloatsAreScaledToUnitRange()
    {
        var floats = new float[4];

        Pcm16.ToFloat([short.MinValue, 0, 16384, short.MaxValue], floats);

        Assert.Equal(-1f, floats[0]);
        Assert.Equal(0f, floats[1]);
        Assert.Equal(0.5f, floats[2]);
        Assert.InRange(floats[3], 0.9999f, 1f);
    }

    [Fact]
    public void LevelsAreFractionsOfFullScale()
    {
        short[] square = [16384, -16384, 16384, -16384];

        Assert.Equal(0.5f, Pcm16.Rms(square), 4);
        Assert.Equal(0.5f, Pcm16.Peak(square), 4);
        Assert.Equal(1f, Pcm16.Peak([short.MinValue]));
        Assert.Equal(0f, Pcm16.Rms(new short[100]));
        Assert.Equal(0f, Pcm16.Rms([]));
        Assert.Equal(0f, Pcm16.Peak([]));
    }
}
