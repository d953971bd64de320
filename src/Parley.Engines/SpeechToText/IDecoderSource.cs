namespace Parley.Engines.SpeechToText;

/// <summary>An embedded streaming decoder engine (PocketSphinx) handing out one stream per utterance; <see cref="DecoderRecognitionSession"/> makes it an <see cref="ISpeechRecognizer"/>.</summary>
public interface IDecoderSource
{
    /// <summary>The engine's name, for logs and configuration.</summary>
    string Name { get; }

    /// <summary>Sample rate of the audio the streams take (PCM16 mono).</summary>
    int SampleRate { get; }

    /// <summary>Opens a stream for one utterance; may wait for a decoder.</summary>
    ValueTask<ISpeechRecognitionStream> OpenStreamAsync(CancellationToken cancellationToken = default);
}
