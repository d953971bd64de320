namespace Parley.Sessions;

/// <summary>Limits and timings of voice sessions; bound from <c>Parley:Sessions</c>.</summary>
public sealed record VoiceSessionOptions
{
    /// <summary>Largest decoded audio chunk accepted (PROTOCOL.md: 64 KiB).</summary>
    public int MaxAudioChunkBytes { get; init; } = 64 * 1024;

    /// <summary>Largest frame read at all; anything bigger is dropped unread.</summary>
    public int MaxFrameBytes { get; init; } = 256 * 1024;

    /// <summary>How far audio may run ahead of the wall clock before chunks are refused (PROTOCOL.md: 5 s).</summary>
    public TimeSpan AudioBurstAllowance { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Refused chunks in a row after which the session is closed for pouring audio.</summary>
    public int RateLimitStrikesBeforeClose { get; init; } = 20;

    /// <summary>Length of each agent audio frame sent.</summary>
    public TimeSpan OutputFrameDuration { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>How far agent audio is sent ahead of real time.</summary>
    public TimeSpan PlaybackLead { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Silence after speech that ends the user's turn when their words look finished.</summary>
    public TimeSpan EndpointSilence { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Whether the answer is prepared as soon as the user pauses after words that look finished (the agent's text, the
    /// first synthesis, tools free of side effects), held unsent until the endpoint: played at once if the final words are
    /// the same, dropped unsent if they differ or the user goes on. It saves the agent's and the synthesiser's time after
    /// the endpoint, at the cost of a request thrown away for each pause that was not the end (see docs/TURN-TAKING.md).
    /// Needs a recogniser that gives words while the user speaks.
    /// </summary>
    public bool SpeculativeReplies { get; init; } = true;

    /// <summary>Silence that ends the turn when the words so far end in "and", "the", "uh" or a number: people pause there to think.</summary>
    public TimeSpan EndpointSilenceIncomplete { get; init; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Silence that ends the turn when the recogniser gives no words while the user speaks (a batch engine alone), so nothing tells a finished question from a pause to think.</summary>
    public TimeSpan EndpointSilenceWithoutWords { get; init; } = TimeSpan.FromMilliseconds(600);

    /// <summary>Silence after which a recogniser's own end-of-turn event (Deepgram's <c>speech_final</c>) ends the turn before the endpoint silence would.</summary>
    public TimeSpan EndOfTurnMinSilence { get; init; } = TimeSpan.FromMilliseconds(96);

    /// <summary>How long a recogniser's partial words must hold (in audio heard) before they are judged for a barge-in: early ones flicker.</summary>
    public TimeSpan StablePartial { get; init; } = TimeSpan.FromMilliseconds(96);

    /// <summary>Speech over the agent, heard to be the user's own voice, that interrupts it when the recogniser gives no words while the user speaks.</summary>
    public TimeSpan BargeInMinSpeechWithoutWords { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Speech needed before a turn (or a barge-in) counts.</summary>
    public TimeSpan MinSpeech { get; init; } = TimeSpan.FromMilliseconds(96);

    /// <summary>Speech over the agent needed before words other than stop words take the floor (see <c>BargeInJudge</c>).</summary>
    public TimeSpan BargeInMinSpeech { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Whether speech over the agent that the echo check does not explain stops the agent at once (<c>interrupted</c>),
    /// before its words are known; when they turn out to be a backchannel or nothing, the agent says the rest of its reply
    /// from the sentence that was cut. On (the default): barge-in on <c>scripts/bench.sh</c> ~115 ms from the onset instead
    /// of ~390 ms by words, and no reply lost to a backchannel, at the price of a gap when one is cut and resumed (on the
    /// scenario suite with the microphone open all along: every backchannel, gap p50 ~0.6 s, 2.4 s after "uh huh"; see
    /// docs/TURN-TAKING.md). Off: only words take the floor (see <c>BargeInJudge</c>). Phone lines are never cut on sound.
    /// </summary>
    public bool BargeInOnSound { get; init; } = true;

    /// <summary>Words that are neither backchannels nor echo needed, with <see cref="BargeInMinSpeech"/>, to take the floor.</summary>
    public int BargeInMinWords { get; init; } = 2;

    /// <summary>Correlation of the microphone's loudness with the agent's (delayed) above which speech is taken for echo and ignored.</summary>
    public double EchoLikeness { get; init; } = 0.8;

    /// <summary>Whether backchannels ("mm-hmm", "okay", "yeah") over the agent interrupt it; by default they do not.</summary>
    public bool BackchannelsInterrupt { get; init; }

    /// <summary>Silence from the user, once the agent has finished, before the agent asks whether they are still there; zero turns it off.</summary>
    public TimeSpan IdlePromptAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>What the agent says when the user has been silent for <see cref="IdlePromptAfter"/>.</summary>
    public string IdlePrompt { get; init; } = "Are you still there?";

    /// <summary>Idle prompts in a row, without the user saying anything between, after which the agent waits quietly.</summary>
    public int IdlePromptsInARow { get; init; } = 2;

    /// <summary>Audio kept from before speech onset and given to the recogniser, so first syllables are not lost.</summary>
    public TimeSpan PreRoll { get; init; } = TimeSpan.FromMilliseconds(320);

    /// <summary>Speech probability above which a frame is speech.</summary>
    public float SpeechThreshold { get; init; } = 0.5f;

    /// <summary>With <c>voice_config.silence_timeout</c>: audio below the speech threshold after which the session closes.</summary>
    public TimeSpan ClientSilenceTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest a session may last.</summary>
    public TimeSpan MaxSessionDuration { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Concurrent sessions allowed per API key.</summary>
    public int MaxSessionsPerKey { get; init; } = 32;

    /// <summary>Most tokens (about four characters each) of conversation given to the agent each turn; the oldest turns go first.</summary>
    public int HistoryTokenBudget { get; init; } = 6000;

    /// <summary>These options with an agent's own turn-taking settings laid over them.</summary>
    public VoiceSessionOptions For(Parley.Storage.Agents.AgentTurnTaking? agent) => agent is null ? this : this with
    {
        EndpointSilence = Milliseconds(agent.EndpointSilenceMs) ?? EndpointSilence,
        EndpointSilenceIncomplete = Milliseconds(agent.EndpointSilenceIncompleteMs) ?? EndpointSilenceIncomplete,
        BargeInMinSpeech = Milliseconds(agent.BargeInMinSpeechMs) ?? BargeInMinSpeech,
        BargeInMinWords = agent.BargeInMinWords ?? BargeInMinWords,
        BackchannelsInterrupt = agent.BackchannelsInterrupt ?? BackchannelsInterrupt,
        IdlePromptAfter = Milliseconds(agent.IdlePromptAfterMs) ?? IdlePromptAfter,
        IdlePrompt = agent.IdlePrompt ?? IdlePrompt,
    };

    private static TimeSpan? Milliseconds(int? value) => value is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    /// <summary>Microphone audio a session holds that the listener has not yet heard; a chunk beyond it is refused (<c>rate_limited</c>).</summary>
    /// <remarks>Above the burst allowance, so what a client may send early is always heard; reached only by a server far behind.</remarks>
    public TimeSpan MaxAudioBacklog { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Frames a session holds for a client that does not read them; beyond it the connection is dropped.</summary>
    public long MaxOutboundBytes { get; init; } = 1024 * 1024;

    /// <summary>How long a socket may stay open without a <c>start</c> (it holds a session slot meanwhile).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest <c>text</c> turn, as for <c>initial_message</c>.</summary>
    public int MaxTextChars { get; init; } = StartRules.MaxInitialTextChars;

    /// <summary>Text turns that may come at once; afterwards one per <see cref="TextTurnInterval"/>, like audio's burst allowance.</summary>
    public int TextTurnBurst { get; init; } = 5;

    /// <summary>How often a text turn is allowed once the burst is spent.</summary>
    public TimeSpan TextTurnInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Characters of transcript the <c>ended</c> frame holds at most (its newest lines; storage keeps them all).</summary>
    public int MaxEndedTranscriptChars { get; init; } = 256 * 1024;

    /// <summary>How a session retries a timeline write while the database is away, and how long it waits for it to come back.</summary>
    public Recording.StorageRetryPolicy StorageRetry { get; init; } = new();

    /// <summary>Timeline events a session holds while the database is away; past it the session ends (<c>internal_error</c>) rather than grow or drop lines.</summary>
    /// <remarks>A conversation says a few events a turn, so this is minutes of talk: an outage ends the session by <see cref="StorageRetry"/>'s limit first.</remarks>
    public int MaxPendingTimelineEvents { get; init; } = 1000;

    /// <summary>How long a tool may keep the caller waiting before the agent says <see cref="ToolAcknowledgement"/> (once per reply); zero turns it off.</summary>
    public TimeSpan ToolAcknowledgementAfter { get; init; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>What the agent says while a slow tool works, so the caller does not sit in dead air.</summary>
    public string ToolAcknowledgement { get; init; } = "One moment, checking that.";
}
