namespace Parley.Engines.Audio;

/// <summary>Resamples a PCM16 mono stream chunk by chunk between rates of a small whole ratio (8 ↔ 16, 24 → 8 kHz), its filter state kept across chunks.</summary>
/// <remarks>
/// <para>
/// A phone call arrives and leaves in 20 ms chunks. Resampling each chunk on its own would restart the filter and
/// click at every seam; this keeps the filter's history, so chunks join as if the audio were resampled whole. It is a
/// polyphase FIR: a Kaiser-windowed sinc (β 7, about 70 dB of stopband) designed at the common rate, cut off at 46 %
/// of the lower rate, so a phone's 300–3400 Hz pass and what a phone line cannot carry (above 4 kHz) is removed.
/// </para>
/// <para>
/// Not libsoxr: its streaming interface processes in blocks, and fed 20 ms chunks it gave out nothing for 40 to
/// 220 ms and then a burst (measured on libsoxr 0.1.3 with every recipe and DFT size), which a caller would hear as
/// latency. This filter gives out every chunk's samples at once, with a fixed delay of about 3 ms (<see cref="Delay"/>).
/// One instance belongs to one reader at a time; it is not thread-safe.
/// </para>
/// </remarks>
public sealed class StreamingResampler
{
    private const double KaiserBeta = 7;
    private const double CutoffOfLowerNyquist = 0.92;
    private const int TapsPerRatioStep = 48;

    private readonly int _up;
    private readonly int _down;
    private readonly float[] _taps;
    private readonly int _tapsPerPhase;
    private readonly float[] _history;
    private int _newest;
    private long _inputCount;
    private long _outputCount;

    /// <summary>A stream from <paramref name="inputRate"/> to <paramref name="outputRate"/>, whose ratio must reduce to whole numbers of at most 12.</summary>
    public StreamingResampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        var divisor = GreatestCommonDivisor(inputRate, outputRate);
        _up = outputRate / divisor;
        _down = inputRate / divisor;
        if (_up > 12 || _down > 12)
        {
            throw new ArgumentException($"{inputRate} Hz to {outputRate} Hz is not a small whole ratio ({_up}:{_down}).", nameof(outputRate));
        }

        InputRate = inputRate;
        OutputRate = outputRate;
        var length = TapsPerRatioStep * Math.Max(_up, _down);
        _taps = Design(length, inputRate * _up, CutoffOfLowerNyquist * Math.Min(inputRate, outputRate) / 2, gain: _up);
        _tapsPerPhase = (length + _up - 1) / _up;
        _history = new float[_tapsPerPhase];
        Delay = TimeSpan.FromSeconds((length - 1) / 2.0 / (inputRate * _up));
    }

    /// <summary>The rate of the input.</summary>
    public int InputRate { get; }

    /// <summary>The rate of the output.</summary>
    public int OutputRate { get; }

    /// <summary>How far the output lags the input: the filter's group delay.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Most output samples <paramref name="inputLength"/> input samples can give.</summary>
    public int MaxOutput(int inputLength) => checked((int)(((long)inputLength * _up + _down - 1) / _down)) + 1;

    /// <summary>Resamples the next chunk into <paramref name="output"/> (at least <see cref="MaxOutput"/> long); returns the samples written.</summary>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        var written = 0;
        foreach (var sample in input)
        {
            _newest = (_newest + 1) % _history.Length;
            _history[_newest] = sample;
            var newestIndex = _inputCount++;

            // Output m sits at m·down on the common clock; it needs the inputs up to floor(m·down / up), now the newest.
            while (_outputCount * _down / _up == newestIndex)
            {
                var phase = (int)(_outputCount * _down - newestIndex * _up);
                output[written++] = Clamp(Convolve(phase));
                _outputCount++;
            }
        }

        return written;
    }

    /// <summary>Resamples the next chunk into a new array.</summary>
    public short[] Process(ReadOnlySpan<short> input)
    {
        var output = new short[MaxOutput(input.Length)];
        var written = Process(input, output);
        return written == output.Length ? output : output[..written];
    }

    /// <summary>Forgets the audio held: the next chunk starts a new stretch, as if after silence.</summary>
    public void Reset()
    {
        Array.Clear(_history);
        _newest = 0;
        _inputCount = 0;
        _outputCount = 0;
    }

    private float Convolve(int phase)
    {
        var sum = 0f;
        var at = _newest;
        for (var tap = phase; tap < _taps.Length; tap += _up)
        {
            sum += _taps[tap] * _history[at];
            at = at == 0 ? _history.Length - 1 : at - 1;
        }

        return sum;
    }

    private static short Clamp(float value)
        => value >= short.MaxValue ? short.MaxValue : value <= short.MinValue ? short.MinValue : (short)MathF.Round(value);

    private static float[] Design(int length, int rate, double cutoff, int gain)
    {
        var taps = new float[length];
        var center = (length - 1) / 2.0;
        var normalized = cutoff / rate;
        var sum = 0.0;
        var raw = new double[length];
        for (var n = 0; n < length; n++)
        {
            var x = n - center;
            var sinc = x == 0 ? 2 * normalized : Math.Sin(2 * Math.PI * normalized * x) / (Math.PI * x);
            var ratio = x / center;
            raw[n] = sinc * BesselI0(KaiserBeta * Math.Sqrt(Math.Max(0, 1 - ratio * ratio))) / BesselI0(KaiserBeta);
            sum += raw[n];
        }

        // Unity gain at DC for the output, after zero stuffing spread the input over `gain` phases.
        for (var n = 0; n < length; n++)
        {
            taps[n] = (float)(raw[n] / sum * gain);
        }

        return taps;
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1;
        for (var k = 1; k < 50 && term > 1e-12 * sum; k++)
        {
            term *= x * x / (4.0 * k * k);
            sum += term;
        }

        return sum;
    }

    private static int GreatestCommonDivisor(int a, int b) => b == 0 ? a : GreatestCommonDivisor(b, a % b);
}
