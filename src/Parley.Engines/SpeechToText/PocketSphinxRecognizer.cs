using System.Diagnostics.Metrics;
using Parley.Engines.Speech;

namespace Parley.Engines.SpeechToText;

/// <summary>Streaming recognition with PocketSphinx and its US English model, in forked helper processes or in process (<see cref="PocketSphinxOptions.Mode"/>).</summary>
public sealed class PocketSphinxRecognizer : ISpeechRecognizer, IDecoderSource, IDisposable
{
    private readonly IPocketSphinxEngine _engine;

    // The decoders on /metrics (parley.engines.pocketsphinx.decoders), for as long as this recogniser lives.
    private readonly Meter _meter = new(EngineMetrics.MeterName);

    /// <summary>Checks the options and model files, then starts the helper (forked) or creates <see cref="PocketSphinxOptions.MinDecoders"/> decoders (in process), ~0.4 s each.</summary>
    /// <param name="options">The model, the mode and the bounds; the defaults when null.</param>
    /// <param name="timeProvider">The clock of <see cref="PocketSphinxOptions.IdleDecoderTimeout"/> and <see cref="PocketSphinxOptions.HelperIdleTimeout"/>; the system's when null.</param>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    /// <exception cref="FileNotFoundException">A model file is missing.</exception>
    /// <exception cref="PocketSphinxHelperUnavailableException">Forked mode: the helper is missing, from other sources, or did not start.</exception>
    /// <exception cref="InvalidOperationException">PocketSphinx refused its arguments.</exception>
    public PocketSphinxRecognizer(PocketSphinxOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new PocketSphinxOptions();
        if (options.MaxDecoders < 1 || options.MinDecoders < 0 || options.MinDecoders > options.MaxDecoders)
        {
            throw new ArgumentException(
                $"Need 0 <= MinDecoders <= MaxDecoders and MaxDecoders >= 1, got {options.MinDecoders} and {options.MaxDecoders}.",
                nameof(options));
        }

        if (options.ReplyTimeout <= TimeSpan.Zero || options.StartTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("ReplyTimeout and StartTimeout must be positive.", nameof(options));
        }

        if (options.IdleDecoderTimeout <= TimeSpan.Zero && options.IdleDecoderTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException(
                $"IdleDecoderTimeout must be positive (or infinite, -00:00:00.001, to keep every decoder), got {options.IdleDecoderTimeout}.",
                nameof(options));
        }

        if (options.HelperIdleTimeout <= TimeSpan.Zero && options.HelperIdleTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException(
                $"HelperIdleTimeout must be positive (or infinite, -00:00:00.001, to keep the helper running), got {options.HelperIdleTimeout}.",
                nameof(options));
        }

        var arguments = PocketSphinxArguments.Build(options);
        _engine = options.Mode switch
        {
            PocketSphinxMode.Forked => new PocketSphinxForkedRecognizer(options, arguments, timeProvider ?? TimeProvider.System),
            PocketSphinxMode.InProcess => new PocketSphinxInProcessRecognizer(options, arguments, timeProvider),
            _ => throw new ArgumentException($"Unknown PocketSphinx mode '{options.Mode}'.", nameof(options)),
        };
        Mode = options.Mode;
        _meter.CreateObservableGauge(
            "parley.engines.pocketsphinx.decoders",
            () => new[]
            {
                new Measurement<int>(_engine.IdleDecoders, new KeyValuePair<string, object?>("state", "idle")),
                new Measurement<int>(_engine.RentedDecoders, new KeyValuePair<string, object?>("state", "rented")),
            },
            "{decoder}",
            "PocketSphinx decoders alive, idle or rented: in process ~90 MiB of native memory each; forked, idle ones are spare forks sharing the helper's decoder (a few MiB each) and rented ones ~20 MiB each.");
    }

    /// <inheritdoc />
    public string Name => "pocketsphinx";

    /// <inheritdoc />
    public int SampleRate => 16000;

    /// <inheritdoc />
    public RecognizerCapabilities Capabilities { get; } = new(InterimResults: true, EndOfTurnEvents: false, SampleRate: 16000, Remote: false);

    /// <summary>Where this recogniser decodes.</summary>
    public PocketSphinxMode Mode { get; }

    /// <summary>The in-process decoder pool, for tests.</summary>
    internal PocketSphinxDecoderPool Pool => ((PocketSphinxInProcessRecognizer)_engine).Pool;

    /// <summary>The forked mode's engine, for tests.</summary>
    internal PocketSphinxForkedRecognizer Forked => (PocketSphinxForkedRecognizer)_engine;

    /// <inheritdoc />
    public ValueTask<IRecognitionSession> OpenSessionAsync(RecognitionSessionOptions? options = null, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IRecognitionSession>(new DecoderRecognitionSession(this, _engine.BeginCall()));

    /// <inheritdoc />
    public ValueTask<ISpeechRecognitionStream> OpenStreamAsync(CancellationToken cancellationToken = default) =>
        _engine.OpenStreamAsync(cancellationToken);

    /// <summary>Stops taking streams; streams still open go on until disposed, then their decoders are freed.</summary>
    public void Dispose()
    {
        _meter.Dispose();
        _engine.Dispose();
    }
}
