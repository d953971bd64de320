namespace Parley.Engines.SpeechToText;

/// <summary>PocketSphinx in the server's own process, on a pool of decoders that frees those left idle beyond <see cref="PocketSphinxOptions.MinDecoders"/>.</summary>
internal sealed class PocketSphinxInProcessRecognizer : IPocketSphinxEngine
{
    /// <summary>Creates <see cref="PocketSphinxOptions.MinDecoders"/> decoders now (~0.4 s each).</summary>
    /// <param name="options">The pool's bounds and idle timeout.</param>
    /// <param name="arguments">The decoders' arguments.</param>
    /// <param name="timeProvider">The clock of <see cref="PocketSphinxOptions.IdleDecoderTimeout"/>; the system's when null.</param>
    public PocketSphinxInProcessRecognizer(PocketSphinxOptions options, IReadOnlyList<string> arguments, TimeProvider? timeProvider = null)
    {
        Pool = new PocketSphinxDecoderPool(
            () => PocketSphinxDecoder.Create(arguments), options.MinDecoders, options.MaxDecoders, options.IdleDecoderTimeout, timeProvider);
    }

    /// <inheritdoc />
    public string Name => "pocketsphinx";

    /// <inheritdoc />
    public int SampleRate => 16000;

    /// <summary>The decoder pool, for tests.</summary>
    public PocketSphinxDecoderPool Pool { get; }

    /// <inheritdoc />
    public int IdleDecoders => Pool.Idle;

    /// <inheritdoc />
    public int RentedDecoders => Math.Max(0, Pool.Created - Pool.Idle);

    /// <inheritdoc />
    /// <remarks>The pool keeps its own decoders (<see cref="PocketSphinxOptions.MinDecoders"/>, freed after <see cref="PocketSphinxOptions.IdleDecoderTimeout"/>); a call holds nothing more.</remarks>
    public IDisposable BeginCall() => NoHold.Instance;

    /// <inheritdoc />
    public async ValueTask<ISpeechRecognitionStream> OpenStreamAsync(CancellationToken cancellationToken = default)
    {
        var decoder = await Pool.RentAsync(cancellationToken);
        try
        {
            // Another caller may have spoken on this decoder: it must hear this one as a new decoder would.
            decoder.ResetForNewStream();
            decoder.StartUtterance();
        }
        catch
        {
            Pool.Return(decoder, healthy: false);
            throw;
        }

        return new PocketSphinxInProcessStream(Pool, decoder);
    }

    /// <summary>Frees idle decoders now and the others as their streams are disposed.</summary>
    public void Dispose() => Pool.Dispose();

    private sealed class NoHold : IDisposable
    {
        public static readonly NoHold Instance = new();

        public void Dispose()
        {
        }
    }
}
