using Parley.Sessions.Recording;

namespace Parley.Sessions.Tests.Recording;

public sealed class UpsamplerTests
{
    [Fact]
    public void Gives_three_samples_for_every_two()
    {
        var output = new short[1000];
        Assert.Equal(768, new Upsampler().Process(new short[512], output));
        Assert.Equal(768, Upsampler.OutputsFor(512));
    }

    [Fact]
    public void A_stream_cut_into_frames_of_any_size_comes_out_as_it_would_whole()
    {
        var input = Sine(4800, 440, 16_000, 10_000);
        var whole = Run(new Upsampler(), [input]);
        var cut = Run(new Upsampler(), [input[..1], input[1..513], input[513..517], input[517..]]);
        Assert.Equal(whole, cut);
    }

    [Fact]
    public void A_tone_keeps_its_pitch_and_loudness_at_the_higher_rate()
    {
        var output = Run(new Upsampler(), [Sine(16_000, 1000, 16_000, 10_000)]);

        // After the filter's first samples, the output is the tone sampled at 24 kHz, delayed by the filter (a few samples).
        var best = Enumerable.Range(0, 200).Select(i => i * 0.05).Min(delay => Error(output, 1000, 24_000, 10_000, delay));
        Assert.True(best < 0.02, $"relative error {best:F4}");
    }

    [Fact]
    public void Silence_stays_silent_and_a_constant_stays_constant()
    {
        Assert.All(Run(new Upsampler(), [new short[600]]), s => Assert.Equal(0, s));
        var constant = Run(new Upsampler(), [Enumerable.Repeat((short)5000, 600).ToArray()]);
        Assert.All(constant[30..], s => Assert.InRange(s, 4990, 5010));
    }

    private static short[] Run(Upsampler upsampler, short[][] pieces)
    {
        var output = new List<short>();
        foreach (var piece in pieces)
        {
            var buffer = new short[(piece.Length * 3 / 2) + 2];
            output.AddRange(buffer[..upsampler.Process(piece, buffer)]);
        }

        return [.. output];
    }

    private static short[] Sine(int samples, double hz, int rate, double amplitude)
        => [.. Enumerable.Range(0, samples).Select(i => (short)(amplitude * Math.Sin(2 * Math.PI * hz * i / rate)))];

    private static double Error(short[] actual, double hz, int rate, double amplitude, double delay)
    {
        double error = 0, energy = 0;
        for (var i = 100; i < actual.Length - 100; i++)
        {
            var expected = amplitude * Math.Sin(2 * Math.PI * hz * (i - delay) / rate);
            error += Math.Pow(actual[i] - expected, 2);
            energy += expected * expected;
        }

        return Math.Sqrt(error / energy);
    }
}
