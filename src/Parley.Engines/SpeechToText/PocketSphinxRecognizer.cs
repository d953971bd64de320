using System.Diagnostics.Metrics;
using Parley.Engines.Speech;

namespace Parley.Engines.SpeechToText;

/// <summary>Streaming recognition with PocketSphinx and its US English model, on a pool of decoders.</summary>
public sealed class PocketSphinxRecognizer : ISpeechRecognizer, IDecoderSource, IDisposable
{
    private readonly PocketSphinxDecoderPool _pool;

    // The pool's size on /metrics (parley.engines.pocketsphinx.decoders), for as long as this recogniser lives.
    private readonly Meter _meter = new(EngineMetrics.MeterName);

    /// <summary>Checks the model files and creates <see cref="PocketSphinxOptions.MinDecoders"/> decoders (~0.4 s each).</summary>
    /// <param name="options">The model and the pool's bounds; the defaults when null.</param>
    /// <param name="timeProvider">The clock of <see cref="PocketSphinxOptions.IdleDecoderTimeout"/>; the system's when null.</param>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    /// <exception cref="FileNotFoundException">A model file is missing.</exception>
    public PocketSphinxRecognizer(PocketSphinxOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new PocketSphinxOptions();
        if (options.MaxDecoders < 1 || options.MinDecoders < 0 || options.MinDecoders > options.MaxDecoders)
        {
            throw new ArgumentException(
                $"Need 0 <= MinDecoders <= MaxDecoders and MaxDecoders >= 1, got {options.MinDecoders} and {options.MaxDecoders}.",
                nameof(options));
        }

        if (options.IdleDecoderTimeout <= TimeSpan.Zero && options.IdleDecoderTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException(
                $"IdleDecoderTimeout must be positive (or infinite, -00:00:00.001, to keep every decoder), got {options.IdleDecoderTimeout}.",
                nameof(options));
        }

        var arguments = PocketSphinxArguments.Build(options);
        _pool = new PocketSphinxDecoderPool(
            () => PocketSphinxDecoder.Create(arguments), options.MinDecoders, options.MaxDecoders, options.IdleDecoderTimeout, timeProvider);
        _meter.CreateObservableGauge(
            "parley.engines.pocketsphinx.decoders",
            () => new[]
            {
                new Measurement<int>(_pool.Idle, new KeyValuePair<string, object?>("state", "idle")),
                new Measurement<int>(Math.Max(0, _pool.Created - _pool.Idle), new KeyValuePair<string, object?>("state", "rented")),
            },
            "{decoder}",
            "PocketSphinx decoders alive (~90 MiB of native memory each), idle or rented.");
    }

    /// <inheritdoc />
    public string Name => "pocketsphinx";

    /// <inheritdoc />
    public int SampleRate => 16000;

    /// <inheritdoc />
    public RecognizerCapabilities Capabilities { get; } = new(InterimResults: true, EndOfTurnEvents: false, SampleRate: 16000, Remote: false);

    /// <inheritdoc />
    public ValueTask<IRecognitionSession> OpenSessionAsync(RecognitionSessionOptions? options = null, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IRecognitionSession>(new DecoderRecognitionSession(this));

    /// <summary>The decoder pool, for tests.</summary>
    internal PocketSphinxDecoderPool Pool => _pool;

    /// <inheritdoc />
    public async ValueTask<ISpeechRecognitionStream> OpenStreamAsync(CancellationToken cancellationToken = default)
    {
        var decoder = await _pool.RentAsync(cancellationToken);
        try
        {
            // Another caller may have spoken on this decoder: it must hear this one as a new decoder would.
            decoder.ResetForNewStream();
            decoder.StartUtterance();
        }
        catch
        {
            _pool.Return(decoder, healthy: false);
            throw;
        }

        return new PocketSphinxRecognitionStream(_pool, decoder);
    }

    /// <summary>Frees idle decoders now and the others as their streams are disposed.</summary>
    public void Dispose()
    {
        _meter.Dispose();
        _pool.Dispose();
    }
}
