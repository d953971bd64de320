namespace Parley.Sessions.Listening;

/// <summary>Where the listener reports what the user does.</summary>
internal interface IListenerSink
{
    /// <summary>The user started speaking (a turn, or a barge-in while the agent speaks).</summary>
    void OnSpeechStarted();

    /// <summary>The user finished a turn with these words; <paramref name="sessionEnding"/> when the audio stopped mid-turn because the session ends, so the words are kept but not answered.</summary>
    Task OnUserSpokeAsync(string text, bool sessionEnding);

    /// <summary>The client sent only non-speech audio for the configured silence timeout.</summary>
    void OnClientSilenceTimeout();
}
