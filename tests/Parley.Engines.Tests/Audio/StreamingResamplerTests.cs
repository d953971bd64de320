using Parley.Engines.Audio;
using Parley.Engines.Tests.TestAudio;

namespace Parley.Engines.Tests.Audio;

public sealed class StreamingResamplerTests
{
    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(24000, 8000)]
    [InlineData(16000, 8000)]
    public void TwentyMillisecondChunksGiveExactlyWhatTheWholeClipGives(int inputRate, int outputRate)
    {
        // The filter state is kept across chunks: chunked, the audio is bit for bit what it is resampled whole.
        var input = Signal.Sine(440, inputRate, inputRate, 0.5);
        var chunked = Resample(new StreamingResampler(inputRate, outputRate), input, inputRate / 50);
        var whole = new StreamingResampler(inputRate, outputRate).Process(input);

        Assert.Equal(whole, chunked);
    }

    [Theory]
    [InlineData(8000, 16000, 160, 320)]
    [InlineData(24000, 8000, 480, 160)]
    public void EveryChunkComesOutAtOnce(int inputRate, int outputRate, int chunk, int expected)
    {
        var resampler = new StreamingResampler(inputRate, outputRate);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(expected, resampler.Process(new short[chunk]).Length);
        }
    }

    [Fact]
    public void ChunkedOutputHasNoSeams()
    {
        // Largest step between neighbouring samples of a 440 Hz tone at 16 kHz is 2π·440/16000 of its amplitude; a seam jumps far more.
        var input = Signal.Sine(440, 8000, 16000, 0.5);
        var output = Resample(new StreamingResampler(8000, 16000), input, 160);

        var steady = output.AsSpan(800, output.Length - 1600);
        var largestStep = 0;
        for (var i = 1; i < steady.Length; i++)
        {
            largestStep = Math.Max(largestStep, Math.Abs(steady[i] - steady[i - 1]));
        }

        Assert.True(largestStep <= 0.5 * 32767 * 2 * Math.PI * 440 / 16000 * 1.02, $"largest step {largestStep}");
        Assert.InRange(Signal.ZeroCrossingFrequency(steady, 16000), 435, 445);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1000)]
    [InlineData(3000)]
    public void KeepsTheLevelOfTheTelephoneBand(double frequency)
    {
        var input = Signal.Sine(frequency, 8000, 8000, 0.5);
        var output = Resample(new StreamingResampler(8000, 16000), input, 160);

        var level = Signal.Amplitude(output.AsSpan(1600, 12800), frequency, 16000);
        Assert.InRange(Signal.Decibels(level / 0.5), -0.5, 0.5);
    }

    [Fact]
    public void UpsamplingLeavesNoImageAboveTheOldNyquist()
    {
        // A 3 kHz tone at 8 kHz, zero-stuffed to 16 kHz, has an image at 5 kHz: the filter must remove it.
        var input = Signal.Sine(3000, 8000, 8000, 0.5);
        var output = Resample(new StreamingResampler(8000, 16000), input, 160);

        var image = Signal.Amplitude(output.AsSpan(1600, 12800), 5000, 16000);
        Assert.True(Signal.Decibels(image / 0.5) < -50, $"image at {Signal.Decibels(image / 0.5):F1} dB");
    }

    [Fact]
    public void DownsamplingTo8KhzRemovesWhatThePhoneCannotCarry()
    {
        // 5 kHz is above the 4 kHz Nyquist limit of a phone line: it must be filtered, not aliased to 3 kHz.
        var input = Signal.Sine(5000, 24000, 24000, 0.5);
        var output = Resample(new StreamingResampler(24000, 8000), input, 480);

        var middle = output.AsSpan(1000, 6000);
        Assert.True(Signal.Decibels(Pcm16.Rms(middle) / Pcm16.Rms(input)) < -50, $"residual {Signal.Decibels(Pcm16.Rms(middle) / Pcm16.Rms(input)):F1} dB");
    }

    [Fact]
    public void DelayIsAFewMilliseconds()
    {
        // An impulse comes out one group delay later.
        var resampler = new StreamingResampler(8000, 16000);
        var input = new short[800];
        input[400] = 30000;
        var output = resampler.Process(input);
        var peak = Array.IndexOf(output, output.Max());

        Assert.InRange(resampler.Delay.TotalMilliseconds, 1, 5);
        Assert.InRange(peak - 800, resampler.Delay.TotalSeconds * 16000 - 1, resampler.Delay.TotalSeconds * 16000 + 1);
    }

    [Fact]
    public void ResetForgetsWhatWasHeld()
    {
        var resampler = new StreamingResampler(8000, 16000);
        resampler.Process(Signal.Sine(440, 8000, 800, 0.9));

        resampler.Reset();

        Assert.All(resampler.Process(new short[160]), s => Assert.Equal(0, s));
    }

    [Fact]
    public void RefusesRatiosThatAreNotSmall()
        => Assert.Throws<ArgumentException>(() => new StreamingResampler(44100, 16000));

    private static short[] Resample(StreamingResampler resampler, short[] input, int chunk)
    {
        var output = new List<short>();
        for (var offset = 0; offset < input.Length; offset += chunk)
        {
            output.AddRange(resampler.Process(input.AsSpan(offset, Math.Min(chunk, input.Length - offset))));
        }

        return [.. output];
    }
}
