namespace Parley.Engines.SpeechToText;

/// <summary>One utterance being recognised while it is spoken. Not thread-safe: one caller at a time.</summary>
/// <remarks>Disposing returns the underlying decoder to its pool, whether or not the utterance was completed.</remarks>
public interface ISpeechRecognitionStream : IDisposable
{
    /// <summary>Feeds audio as it arrives.</summary>
    void Push(ReadOnlySpan<short> samples);

    /// <summary>The best hypothesis so far; empty when none.</summary>
    string GetPartialText();

    /// <summary>Ends the utterance and returns the final text; empty when nothing was recognised.</summary>
    string Complete();
}
