namespace Parley.Sessions.Listening;

/// <summary>Where the listener reports what the user does.</summary>
internal interface IListenerSink
{
    /// <summary>The user started speaking while the agent was not (if a reply is being prepared, it is now out of date).</summary>
    void OnSpeechStarted();

    /// <summary>The user took the floor while the agent was speaking: cut the agent off.</summary>
    void OnBargeIn();

    /// <summary>Speech that cut the agent off came to no words that take the floor: the agent should pick up where it was cut.</summary>
    void OnFalseInterruption();

    /// <summary>What the agent is saying now, or null when it is silent; speech over it is judged by <see cref="BargeInJudge"/>.</summary>
    string? AgentSpeech { get; }

    /// <summary>The user finished a turn with these words; <paramref name="sessionEnding"/> when the audio stopped mid-turn because the session ends, so the words are kept but not answered.</summary>
    /// <param name="text">What the user said.</param>
    /// <param name="sessionEnding">Whether the session is ending.</param>
    /// <param name="timings">The turn's stage timings, started when the endpoint was decided; null when none were taken.</param>
    Task OnUserSpokeAsync(string text, bool sessionEnding, Telemetry.TurnTimings? timings = null);

    /// <summary>The client sent only non-speech audio for the configured silence timeout.</summary>
    void OnClientSilenceTimeout();
}
