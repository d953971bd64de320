namespace Parley.Engines.Speech;

/// <summary>What a session does when a remote speech engine fails.</summary>
public enum SpeechFailureMode
{
    /// <summary>The embedded engine hears that utterance or says that sentence; the call goes on (logged, counted).</summary>
    Fallback,

    /// <summary>The session ends with <c>internal_error</c>.</summary>
    End,
}
