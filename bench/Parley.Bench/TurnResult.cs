namespace Parley.Bench;

/// <summary>One question and its answer, as one caller saw it.</summary>
internal sealed record TurnResult
{
    public required int Caller { get; init; }
    public required int Turn { get; init; }
    public required string Said { get; init; }

    /// <summary>True end of the user's speech → first agent <c>audio</c> frame at the client (phone: → first agent audio played on the line); null when none came.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>End of speech → the user's <c>transcript</c> at the client: when the server had decided the turn and transcribed it.</summary>
    public double? UserTranscriptMs { get; init; }

    /// <summary>End of speech → the agent's first <c>transcript</c> at the client.</summary>
    public double? AgentTranscriptMs { get; init; }

    /// <summary>Duration of the agent audio received for this turn.</summary>
    public double AnswerAudioMs { get; init; }

    /// <summary>First to last agent audio frame at the client.</summary>
    public double AnswerSpanMs { get; init; }

    /// <summary>Underrun (all answers of the turn together) beyond which a turn fell behind real time: a gap a listener hears.</summary>
    public const double BehindUnderrunMs = 100;

    /// <summary>How long the client's playback buffer ran dry mid-answer: agent audio arriving slower than it plays.</summary>
    public double UnderrunMs { get; init; }

    /// <summary>The longest single gap in playback.</summary>
    public double LongestUnderrunMs { get; init; }

    /// <summary>The playback buffer ran dry for more than <see cref="BehindUnderrunMs"/>: the session fell behind real time.</summary>
    public bool FellBehind { get; init; }

    /// <summary>This turn talked over the agent's answer.</summary>
    public bool BargeIn { get; init; }

    /// <summary>Onset of the speech over the agent (its first loud sample on the capture clock) → <c>interrupted</c> at the client (phone: → <c>clear</c> at the carrier); null when none came.</summary>
    public double? BargeInMs { get; init; }

    /// <summary>The first chunk holding that speech sent → <c>interrupted</c> at the client.</summary>
    public double? BargeInFromChunkMs { get; init; }

    /// <summary>End of the interrupting speech → the first audio of the agent's new answer.</summary>
    public double? AfterBargeInLatencyMs { get; init; }

    /// <summary>Phone: onset of the speech over the agent → the caller's earpiece plays no more agent audio (the <c>clear</c>, or the audio ran out first).</summary>
    public double? LineSilentMs { get; init; }

    /// <summary>Phone: how much queued agent audio the <c>clear</c> dropped at the carrier.</summary>
    public double? ClearDroppedMs { get; init; }

    /// <summary>Phone: the most agent audio the carrier held unplayed as a frame of this turn arrived.</summary>
    public double? MaxLineLeadMs { get; init; }

    public string? Heard { get; init; }
    public string? Answer { get; init; }
    public string? Error { get; init; }
}
