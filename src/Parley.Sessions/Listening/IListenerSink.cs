namespace Parley.Sessions.Listening;

/// <summary>Where the listener reports what the user does; each report is posted to the session's turn owner.</summary>
internal interface IListenerSink
{
    /// <summary>The user started speaking while the agent was not audible (a reply being prepared should wait and see).</summary>
    ValueTask OnSpeechStartedAsync();

    /// <summary>The user started speaking while the agent was audible: whether they take the floor is judged on their words as they come.</summary>
    ValueTask OnSpeechOverAgentAsync();

    /// <summary>The user paused after <paramref name="words"/>, which look finished: a reply may be prepared on them, held until the endpoint. Told again when the words change in the pause.</summary>
    ValueTask OnPauseBeganAsync(string words);

    /// <summary>The user spoke again after a pause told by <see cref="OnPauseBeganAsync"/>, before it became an endpoint.</summary>
    ValueTask OnSpeechResumedAsync();

    /// <summary>The user took the floor while the agent was speaking: cut the agent off; <paramref name="onSound"/> when judged by the sound of their voice alone, before their words.</summary>
    ValueTask OnBargeInAsync(bool onSound);

    /// <summary>An utterance came to no turn (a backchannel, echo, a cough); <paramref name="cutTheAgentOff"/> when it had barged in, so the agent picks up where it was cut.</summary>
    ValueTask OnUtteranceDismissedAsync(bool cutTheAgentOff);

    /// <summary>What the agent is saying now, or null when it is silent; speech over it is judged by <see cref="BargeInJudge"/>.</summary>
    string? AgentSpeech { get; }

    /// <summary>The user finished a turn with these words; <paramref name="sessionEnding"/> when the audio stopped mid-turn because the session ends, so the words are kept but not answered.</summary>
    /// <param name="text">What the user said.</param>
    /// <param name="sessionEnding">Whether the session is ending.</param>
    /// <param name="timings">The turn's stage timings, started when the endpoint was decided; null when none were taken.</param>
    ValueTask OnUserSpokeAsync(string text, bool sessionEnding, Telemetry.TurnTimings? timings = null);

    /// <summary>The client sent only non-speech audio for the configured silence timeout.</summary>
    void OnClientSilenceTimeout();
}
