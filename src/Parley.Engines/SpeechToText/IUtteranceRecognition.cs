namespace Parley.Engines.SpeechToText;

/// <summary>One utterance being recognised as it is spoken. Not thread-safe: one caller at a time.</summary>
/// <remarks>Disposing gives up the utterance (a decoder goes back to its pool, a remote engine is told to drop it), completed or not.</remarks>
public interface IUtteranceRecognition : IAsyncDisposable
{
    /// <summary>Feeds audio at the engine's sample rate as it arrives; never waits (a remote engine queues it, within a bound).</summary>
    /// <exception cref="Speech.SpeechEngineException">The engine failed; the utterance cannot go on.</exception>
    void Push(ReadOnlySpan<short> samples);

    /// <summary>The words so far; null when the engine gives none while the user speaks (no interim results) or none yet.</summary>
    string? GetPartialText();

    /// <summary>Whether the engine itself has said the speaker finished (with <see cref="RecognizerCapabilities.EndOfTurnEvents"/>).</summary>
    bool EndOfTurn { get; }

    /// <summary>Ends the utterance and gives its final text (empty when nothing was said); for a remote engine, a round trip.</summary>
    /// <exception cref="Speech.SpeechEngineException">The engine failed, timed out or stalled.</exception>
    Task<string> CompleteAsync(CancellationToken cancellationToken = default);
}
