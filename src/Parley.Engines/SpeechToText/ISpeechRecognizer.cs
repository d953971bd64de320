namespace Parley.Engines.SpeechToText;

/// <summary>A streaming speech recogniser: a thread-safe engine handing out one stream per utterance.</summary>
public interface ISpeechRecognizer
{
    /// <summary>The engine's name, for logs and configuration.</summary>
    string Name { get; }

    /// <summary>Sample rate of the audio the streams take (PCM16 mono).</summary>
    int SampleRate { get; }

    /// <summary>Opens a stream for one utterance; may wait for a pooled decoder.</summary>
    ValueTask<ISpeechRecognitionStream> OpenStreamAsync(CancellationToken cancellationToken = default);
}
