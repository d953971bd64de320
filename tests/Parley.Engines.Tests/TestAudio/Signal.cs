namespace Parley.Engines.Tests.TestAudio;

/// <summary>Test signals and measurements: sine tones, Goertzel amplitude, zero-crossing frequency.</summary>
internal static class Signal
{
    /// <summary>A sine of <paramref name="amplitude"/> (fraction of full scale) lasting <paramref name="samples"/> samples.</summary>
    public static short[] Sine(double frequency, int sampleRate, int samples, double amplitude)
    {
        var tone = new short[samples];
        for (var i = 0; i < samples; i++)
        {
            tone[i] = (short)Math.Round(amplitude * 32767 * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        }

        return tone;
    }

    /// <summary>Amplitude (fraction of full scale) of one frequency, by the Goertzel algorithm; exact for whole cycles.</summary>
    public static double Amplitude(ReadOnlySpan<short> samples, double frequency, int sampleRate)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0, beforePrevious = 0;
        foreach (var sample in samples)
        {
            var current = sample / 32768.0 + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        var power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return 2 * Math.Sqrt(Math.Max(power, 0)) / samples.Length;
    }

    /// <summary>Frequency estimated from rising zero crossings.</summary>
    public static double ZeroCrossingFrequency(ReadOnlySpan<short> samples, int sampleRate)
    {
        var crossings = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            if (samples[i - 1] < 0 && samples[i] >= 0)
            {
                crossings++;
            }
        }

        return crossings * (double)sampleRate / samples.Length;
    }

    /// <summary>Level ratio in decibels.</summary>
    public static double Decibels(double ratio) => 20 * Math.Log10(ratio);
}
