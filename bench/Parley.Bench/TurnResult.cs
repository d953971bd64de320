namespace Parley.Bench;

/// <summary>One question and its answer, as one caller saw it.</summary>
internal sealed record TurnResult
{
    public required int Caller { get; init; }
    public required int Turn { get; init; }
    public required string Said { get; init; }

    /// <summary>True end of the user's speech → first agent <c>audio</c> frame at the client; null when none came.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>End of speech → the user's <c>transcript</c> at the client: when the server had decided the turn and transcribed it.</summary>
    public double? UserTranscriptMs { get; init; }

    /// <summary>End of speech → the agent's first <c>transcript</c> at the client.</summary>
    public double? AgentTranscriptMs { get; init; }

    /// <summary>Duration of the agent audio received for this turn.</summary>
    public double AnswerAudioMs { get; init; }

    /// <summary>First to last agent audio frame at the client.</summary>
    public double AnswerSpanMs { get; init; }

    /// <summary>The answer arrived more than a second slower than it plays.</summary>
    public bool FellBehind { get; init; }

    public string? Heard { get; init; }
    public string? Answer { get; init; }
    public string? Error { get; init; }
}
