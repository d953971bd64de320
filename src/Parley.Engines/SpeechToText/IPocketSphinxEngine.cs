namespace Parley.Engines.SpeechToText;

/// <summary>Where a <see cref="PocketSphinxRecognizer"/> decodes: in process or in forked helper processes.</summary>
internal interface IPocketSphinxEngine : IDecoderSource, IDisposable
{
    /// <summary>Decoders ready for a stream and not in use.</summary>
    int IdleDecoders { get; }

    /// <summary>Decoders serving a stream.</summary>
    int RentedDecoders { get; }

    /// <summary>A call begins: the engine gets ready for its utterances (forked: starts the helper if it was stopped); disposing the result ends the call.</summary>
    IDisposable BeginCall();
}
