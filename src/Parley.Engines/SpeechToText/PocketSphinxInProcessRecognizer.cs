namespace Parley.Engines.SpeechToText;

/// <summary>PocketSphinx in the server's own process, on a pool of decoders.</summary>
internal sealed class PocketSphinxInProcessRecognizer : IDecoderSource, IDisposable
{
    /// <summary>Creates <see cref="PocketSphinxOptions.MinDecoders"/> decoders now (~0.4 s each).</summary>
    public PocketSphinxInProcessRecognizer(PocketSphinxOptions options, IReadOnlyList<string> arguments)
    {
        Pool = new PocketSphinxDecoderPool(() => PocketSphinxDecoder.Create(arguments), options.MinDecoders, options.MaxDecoders);
    }

    /// <inheritdoc />
    public string Name => "pocketsphinx";

    /// <inheritdoc />
    public int SampleRate => 16000;

    /// <summary>The decoder pool, for tests.</summary>
    public PocketSphinxDecoderPool Pool { get; }

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
}
