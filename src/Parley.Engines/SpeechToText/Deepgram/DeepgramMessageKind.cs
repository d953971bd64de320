namespace Parley.Engines.SpeechToText.Deepgram;

/// <summary>The <c>type</c> of a message from Deepgram's live API.</summary>
internal enum DeepgramMessageKind
{
    /// <summary>A transcript, interim or final.</summary>
    Results,

    /// <summary>A gap after the last word (<c>utterance_end_ms</c>).</summary>
    UtteranceEnd,

    /// <summary>Speech began (<c>vad_events</c>).</summary>
    SpeechStarted,

    /// <summary>The summary sent when the stream closes.</summary>
    Metadata,

    /// <summary>An error, sent before Deepgram closes the connection.</summary>
    Error,

    /// <summary>A type this engine does not use.</summary>
    Other,
}
