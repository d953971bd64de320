namespace Parley.Bench;

/// <summary>The figures of one step: N callers talking at once.</summary>
internal sealed record StepResult
{
    public required int Callers { get; init; }
    public required int ChunkSamples { get; init; }
    public required int Turns { get; init; }
    public required int AnsweredTurns { get; init; }
    public required int Errors { get; init; }
    public double? P50Ms { get; init; }
    public double? P95Ms { get; init; }
    public double? P99Ms { get; init; }
    public double? MinMs { get; init; }
    public double? MaxMs { get; init; }
    /// <summary>Median of end of speech → user transcript at the client (the server's endpoint + STT share).</summary>
    public double? UserTranscriptP50Ms { get; init; }

    /// <summary>Median of end of speech → first agent transcript at the client.</summary>
    public double? AgentTranscriptP50Ms { get; init; }

    public required int TurnsFellBehind { get; init; }
    public required double MaxClientSendLagMs { get; init; }
    public required double WallSeconds { get; init; }
    public double? ServerCpuSeconds { get; init; }

    /// <summary>Server CPU seconds per wall second: 1.0 is one core busy.</summary>
    public double? ServerCores { get; init; }

    public double? ServerRssMiBEnd { get; init; }
    public double? ServerRssMiBMax { get; init; }
    public required double BenchCpuSeconds { get; init; }
    public required IReadOnlyList<string> ErrorMessages { get; init; }
    public required IReadOnlyList<TurnResult> TurnResults { get; init; }
}
