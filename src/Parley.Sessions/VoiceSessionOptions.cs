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
    public TimeSpan EndpointSilence { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Silence that ends the turn when the words so far end in "and", "the", "uh" or a number: people pause there to think.</summary>
    public TimeSpan EndpointSilenceIncomplete { get; init; } = TimeSpan.FromMilliseconds(900);

    /// <summary>Speech needed before a turn (or a barge-in) counts.</summary>
    public TimeSpan MinSpeech { get; init; } = TimeSpan.FromMilliseconds(96);

    /// <summary>Speech over the agent needed before it is judged as a barge-in (it must also hold a word that is no backchannel or echo).</summary>
    public TimeSpan BargeInMinSpeech { get; init; } = TimeSpan.FromMilliseconds(160);

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

    /// <summary>Audio chunks held between <c>start</c> and the listener taking them (backpressure beyond).</summary>
    public int AudioQueueChunks { get; init; } = 256;
}
