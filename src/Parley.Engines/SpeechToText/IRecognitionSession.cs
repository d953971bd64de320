namespace Parley.Engines.SpeechToText;

/// <summary>The recognition of one call: utterances are begun one at a time; disposing ends the call's use of the engine.</summary>
/// <remarks>Not thread-safe: one caller (the session's listener) at a time.</remarks>
public interface IRecognitionSession : IAsyncDisposable
{
    /// <summary>Begins the next utterance; the one before must be completed or disposed first. May wait (a decoder being built, a connection coming back).</summary>
    /// <exception cref="Speech.SpeechEngineException">The engine cannot take an utterance now.</exception>
    ValueTask<IUtteranceRecognition> BeginUtteranceAsync(CancellationToken cancellationToken = default);
}
