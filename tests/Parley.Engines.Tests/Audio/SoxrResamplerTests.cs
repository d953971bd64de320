using Parley.Engines.Audio;
using Parley.Engines.Tests.TestAudio;

namespace Parley.Engines.Tests.Audio;

public sealed class SoxrResamplerTests
{
    private readonly SoxrResampler _resampler = new();

    [Fact]
    public void KeepsTheFrequencyAndLevelOfA1KhzToneFrom16To24Khz()
    {
        var input = Signal.Sine(1000, 16000, 16000, 0.5);

        var output = _resampler.Resample(input, 16000, 24000);

        // Measure away from the edges, over whole cycles (16 and 24 samples per cycle).
        var inputLevel = Signal.Amplitude(input.AsSpan(4000, 8000), 1000, 16000);
        var outputLevel = Signal.Amplitude(output.AsSpan(6000, 12000), 1000, 24000);
        Assert.InRange(Signal.Decibels(outputLevel / inputLevel), -0.5, 0.5);
        Assert.InRange(Signal.ZeroCrossingFrequency(output.AsSpan(6000, 12000), 24000), 995, 1005);
    }

    [Fact]
    public void KeepsTheLevelOfA7KhzTone()
    {
        var input = Signal.Sine(7000, 16000, 16000, 0.5);

        var output = _resampler.Resample(input, 16000, 24000);

        var inputLevel = Signal.Amplitude(input.AsSpan(4000, 8000), 7000, 16000);
        var outputLevel = Signal.Amplitude(output.AsSpan(6000, 12000), 7000, 24000);
        Assert.InRange(Signal.Decibels(outputLevel / inputLevel), -1, 1);
    }

    [Fact]
    public void RemovesA11KhzToneWhenGoingDownTo16Khz()
    {
        // 11 kHz is above the 8 kHz Nyquist limit of the output: it must be filtered, not aliased to 5 kHz.
        var input = Signal.Sine(11000, 24000, 24000, 0.5);

        var output = _resampler.Resample(input, 24000, 16000);

        var middle = output.AsSpan(4000, 8000);
        Assert.True(Signal.Decibels(Pcm16.Rms(middle) / Pcm16.Rms(input)) < -40, $"residual {Signal.Decibels(Pcm16.Rms(middle) / Pcm16.Rms(input)):F1} dB");
    }

    [Theory]
    [InlineData(16000, 16000, 24000)]
    [InlineData(16001, 16000, 24000)]
    [InlineData(333, 16000, 24000)]
    [InlineData(24000, 24000, 16000)]
    [InlineData(1001, 24000, 16000)]
    [InlineData(12345, 8000, 48000)]
    [InlineData(12345, 44100, 16000)]
    [InlineData(1, 16000, 24000)]
    public void OutputHasTheRoundedUpLength(int length, int inputRate, int outputRate)
    {
        var input = Signal.Sine(440, inputRate, length, 0.3);

        var output = _resampler.Resample(input, inputRate, outputRate);

        Assert.Equal((int)Math.Ceiling((double)length * outputRate / inputRate), output.Length);
    }

    [Fact]
    public void SameRateCopies()
    {
        var input = Signal.Sine(440, 16000, 1000, 0.3);

        var output = _resampler.Resample(input, 16000, 16000);

        Assert.Equal(input, output);
        Assert.NotSame(input, output);
    }

    [Fact]
    public void EmptyInputGivesEmptyOutput() => Assert.Empty(_resampler.Resample([], 16000, 24000));

    [Fact]
    public void SilenceStaysExactlySilent()
    {
        var output = _resampler.Resample(new short[8000], 16000, 24000);

        Assert.All(output, sample => Assert.Equal(0, sample));
    }

    [Fact]
    public void RejectsNonPositiveRates()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _resampler.Resample(new short[10], 0, 16000));
        Assert.Throws<ArgumentOutOfRangeException>(() => _resampler.Resample(new short[10], 16000, -1));
    }

    [Fact]
    public async Task ConcurrentCallsGiveTheSameResultAsOneAtATime()
    {
        var input = Signal.Sine(1234, 16000, 16000, 0.4);
        var expected = _resampler.Resample(input, 16000, 24000);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _resampler.Resample(input, 16000, 24000))));

        Assert.All(results, result => Assert.Equal(expected, result));
    }
}
