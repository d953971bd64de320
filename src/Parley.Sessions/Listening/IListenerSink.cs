namespace Parley.Sessions.Listening;

/// <summary>Where the listener reports what the user does.</summary>
internal interface IListenerSink
{
    /// <summary>The user started speaking while the agent was not (if a reply is being prepared, it is now out of date).</summary>
    void OnSpeechStarted();

    /// <summary>The user took the floor while the agent was speaking: cut the agent off.</summary>
    void OnBargeIn();

    /// <summary>What the agent is saying now, or null when it is silent; speech over it is judged by <see cref="BargeInJudge"/>.</summary>
    string? AgentSpeech { get; }

    /// <summary>The user finished a turn with these words; <paramref name="sessionEnding"/> when the audio stopped mid-turn because the session ends, so the words are kept but not answered.</summary>
    Task OnUserSpokeAsync(string text, bool sessionEnding);

    /// <summary>The client sent only non-speech audio for the configured silence timeout.</summary>
    void OnClientSilenceTimeout();
}
