using Parley.Engines.Audio;
using Parley.Engines.Tests.TestAudio;

namespace Parley.Engines.Tests.Audio;

public sealed class MuLawTests
{
    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(-1, 0x7F)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    [InlineData(100, 0xF2)]
    [InlineData(-100, 0x72)]
    [InlineData(1000, 0xCE)]
    [InlineData(8000, 0xA0)]
    public void EncodesAsG711Does(short sample, byte expected)
        => Assert.Equal(expected, MuLaw.Encode(sample));

    [Fact]
    public void SilenceIsFF()
    {
        Assert.Equal(0xFF, MuLaw.Silence);
        Assert.Equal(0, MuLaw.Decode(MuLaw.Silence));
    }

    [Fact]
    public void EveryByteDecodesAndEncodesBackToItself()
    {
        for (var b = 0; b < 256; b++)
        {
            var decoded = MuLaw.Decode((byte)b);
            var again = MuLaw.Encode(decoded);

            // 0x7F (negative zero) decodes to 0, which encodes as positive zero 0xFF: the one byte with two meanings.
            Assert.Equal(b == 0x7F ? 0xFF : b, again);
        }
    }

    [Fact]
    public void RoundTripErrorStaysWithinHalfAStepOfItsSegment()
    {
        // A segment's step doubles with each segment (magnitude + 132 in [2^(e+7), 2^(e+8)) has steps of 2^(e+3)), so the
        // error is at most half a step: (magnitude + 132) / 32.
        for (int sample = -32000; sample <= 32000; sample += 3)
        {
            var back = MuLaw.Decode(MuLaw.Encode((short)sample));
            Assert.True(Math.Abs(back - sample) <= (Math.Abs(sample) + 132) / 32.0, $"{sample} -> {back}");
        }
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.01)]
    public void KeepsSignalToNoiseOver35DbFromLoudToQuiet(double amplitude)
    {
        // Companding keeps quiet speech as clean as loud: linear 8-bit samples would leave a -40 dBFS tone near 10 dB.
        var tone = Signal.Sine(1013, 8000, 8000, amplitude);
        var encoded = new byte[tone.Length];
        MuLaw.Encode(tone, encoded);
        var decoded = MuLaw.Decode(encoded);
        var noise = new short[tone.Length];
        for (var i = 0; i < tone.Length; i++)
        {
            noise[i] = (short)(decoded[i] - tone[i]);
        }

        Assert.True(Signal.Decibels(Pcm16.Rms(tone) / Pcm16.Rms(noise)) > 35, $"{Signal.Decibels(Pcm16.Rms(tone) / Pcm16.Rms(noise)):F1} dB");
    }
}
