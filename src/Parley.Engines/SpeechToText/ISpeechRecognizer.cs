namespace Parley.Engines.SpeechToText;

/// <summary>A speech recogniser: a thread-safe engine that opens one recognition session per call.</summary>
/// <remarks>
/// Embedded (PocketSphinx) or remote (an OpenAI-compatible transcription endpoint, Deepgram's live API). Cross-cutting
/// behaviour — logging, metrics, retries, falling back to another engine — wraps an engine as a
/// <see cref="DelegatingSpeechRecognizer"/> (see <see cref="SpeechRecognizerBuilder"/>), never lives inside one.
/// </remarks>
public interface ISpeechRecognizer
{
    /// <summary>The engine's name, as configured.</summary>
    string Name { get; }

    /// <summary>What it can do.</summary>
    RecognizerCapabilities Capabilities { get; }

    /// <summary>Opens the recognition of one call (a remote engine may connect here); utterances are begun on it one at a time.</summary>
    /// <exception cref="Speech.SpeechEngineException">The engine cannot serve the call.</exception>
    ValueTask<IRecognitionSession> OpenSessionAsync(RecognitionSessionOptions? options = null, CancellationToken cancellationToken = default);
}
