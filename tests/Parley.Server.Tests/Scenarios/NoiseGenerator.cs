namespace Parley.Server.Tests.Scenarios;

/// <summary>White or pink noise at 16 kHz, seeded so every run hears the same noise.</summary>
public static class NoiseGenerator
{
    public static short[] Generate(NoiseColour colour, double dbfs, TimeSpan duration, int seed = 5)
    {
        var random = new Random(seed);
        var raw = new double[(int)(duration.TotalSeconds * 16000)];
        // Pink noise by Paul Kellet's economy filter: three one-pole filters on white noise.
        double b0 = 0, b1 = 0, b2 = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var white = (random.NextDouble() * 2) - 1;
            if (colour == NoiseColour.White)
            {
                raw[i] = white;
                continue;
            }

            b0 = (0.99765 * b0) + (white * 0.0990460);
            b1 = (0.96300 * b1) + (white * 0.2965164);
            b2 = (0.57000 * b2) + (white * 1.0526913);
            raw[i] = b0 + b1 + b2 + (white * 0.1848);
        }

        var rms = raw.Length == 0 ? 1 : Math.Sqrt(raw.Average(x => x * x));
        var gain = 32767 * Math.Pow(10, dbfs / 20) / rms;
        return [.. raw.Select(x => (short)Math.Clamp(x * gain, short.MinValue, short.MaxValue))];
    }
}
