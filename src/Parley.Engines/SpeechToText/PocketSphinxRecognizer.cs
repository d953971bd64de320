namespace Parley.Engines.SpeechToText;

/// <summary>Streaming recognition with PocketSphinx and its US English model, in forked helper processes or in process (<see cref="PocketSphinxOptions.Mode"/>).</summary>
public sealed class PocketSphinxRecognizer : ISpeechRecognizer, IDecoderSource, IDisposable
{
    private readonly IDecoderSource _engine;

    /// <summary>Checks the options and model files, then starts the helper (forked) or creates <see cref="PocketSphinxOptions.MinDecoders"/> decoders (in process), ~0.4 s each.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    /// <exception cref="FileNotFoundException">A model file, or the forked mode's helper, is missing.</exception>
    /// <exception cref="InvalidOperationException">PocketSphinx refused its arguments.</exception>
    public PocketSphinxRecognizer(PocketSphinxOptions? options = null)
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

        var arguments = PocketSphinxArguments.Build(options);
        _engine = options.Mode switch
        {
            PocketSphinxMode.Forked => new PocketSphinxForkedRecognizer(options, arguments),
            PocketSphinxMode.InProcess => new PocketSphinxInProcessRecognizer(options, arguments),
            _ => throw new ArgumentException($"Unknown PocketSphinx mode '{options.Mode}'.", nameof(options)),
        };
        Mode = options.Mode;
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
        => ValueTask.FromResult<IRecognitionSession>(new DecoderRecognitionSession(this));

    /// <inheritdoc />
    public ValueTask<ISpeechRecognitionStream> OpenStreamAsync(CancellationToken cancellationToken = default) =>
        _engine.OpenStreamAsync(cancellationToken);

    /// <summary>Stops taking streams; streams still open go on until disposed, then their decoders are freed.</summary>
    public void Dispose() => ((IDisposable)_engine).Dispose();
}
