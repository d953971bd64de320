namespace Parley.Sessions.Recording;

/// <summary>Streams 16 kHz PCM16 up to 24 kHz (3 out for every 2 in), so the user's side of a call lies on the agent's rate.</summary>
/// <remarks>
/// A polyphase windowed-sinc interpolator (up by 3, low-pass at 8 kHz, down by 2) that carries its history from one
/// frame to the next, so a stream cut into frames of any size comes out as the whole stream would: no click at frame
/// edges, as a resampler that flushes each piece would leave. Eight taps a phase is plenty for a call recording.
/// </remarks>
internal sealed class Upsampler
{
    private const int Up = 3;
    private const int Down = 2;
    private const int TapsPerPhase = 8;
    private static readonly float[] Filter = Design();

    private readonly short[] _history = new short[TapsPerPhase];
    private long _inputCount;
    private long _outputCount;

    /// <summary>Upsamples <paramref name="input"/> onto <paramref name="output"/>; returns how many samples were written (the output holds at least input×3/2+1).</summary>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        var written = 0;
        foreach (var sample in input)
        {
            // Newest first: history[0] is the sample just taken.
            _history.AsSpan(0, TapsPerPhase - 1).CopyTo(_history.AsSpan(1));
            _history[0] = sample;
            _inputCount++;

            // Outputs m = n*Down whose base input index floor(m/Up) is this sample.
            while (_outputCount * Down / Up == _inputCount - 1)
            {
                var m = _outputCount * Down;
                var phase = (int)(m % Up);
                var sum = 0f;
                for (var k = 0; k < TapsPerPhase; k++)
                {
                    sum += Filter[phase + (k * Up)] * _history[k];
                }

                output[written++] = (short)Math.Clamp(MathF.Round(sum), short.MinValue, short.MaxValue);
                _outputCount++;
            }
        }

        return written;
    }

    /// <summary>Forgets the history: the next input follows a gap.</summary>
    public void Reset()
    {
        Array.Clear(_history);
        _inputCount = 0;
        _outputCount = 0;
    }

    /// <summary>The outputs for <paramref name="inputs"/> samples from a reset (3 for every 2).</summary>
    public static long OutputsFor(long inputs) => inputs * Up / Down;

    private static float[] Design()
    {
        // A low-pass at the input's Nyquist (1/(2·Up) of the upsampled rate), Hann-windowed, with gain Up.
        var length = Up * TapsPerPhase;
        var filter = new float[length];
        var centre = (length - 1) / 2.0;
        for (var i = 0; i < length; i++)
        {
            var x = (i - centre) / Up;
            var sinc = Math.Abs(x) < 1e-9 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
            var window = 0.5 - (0.5 * Math.Cos(2 * Math.PI * (i + 0.5) / length));
            filter[i] = (float)(sinc * window);
        }

        // Each phase sums to one, so a constant stays constant.
        for (var phase = 0; phase < Up; phase++)
        {
            var sum = 0.0;
            for (var k = 0; k < TapsPerPhase; k++)
            {
                sum += filter[phase + (k * Up)];
            }

            for (var k = 0; k < TapsPerPhase; k++)
            {
                filter[phase + (k * Up)] = (float)(filter[phase + (k * Up)] / sum);
            }
        }

        return filter;
    }
}
