namespace Parley.Bench;

/// <summary>The figures of one step: N callers talking at once.</summary>
internal sealed record StepResult
{
    public required int Callers { get; init; }

    /// <summary>How the callers reached the server: <c>websocket</c> (<c>/ws/voice</c>) or <c>phone</c> (Twilio Media Streams through the emulated carrier).</summary>
    public string Transport { get; init; } = Transports.WebSocket;
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

    /// <summary>The longest the client's playback buffer ran dry in any turn of the step (total within that turn).</summary>
    public double MaxUnderrunMs { get; init; }

    /// <summary>Turns that talked over the agent, and how many of them got <c>interrupted</c>.</summary>
    public int BargeIns { get; init; }

    public int BargeInsInterrupted { get; init; }

    /// <summary>Speech onset over the agent → <c>interrupted</c> at the client.</summary>
    public double? BargeInP50Ms { get; init; }

    public double? BargeInP95Ms { get; init; }

    /// <summary>First voiced chunk sent → <c>interrupted</c> at the client (median).</summary>
    public double? BargeInFromChunkP50Ms { get; init; }

    /// <summary>Phone: speech onset over the agent → the earpiece silent (p50, p95).</summary>
    public double? LineSilentP50Ms { get; init; }

    public double? LineSilentP95Ms { get; init; }

    /// <summary>Phone: the most queued audio any <c>clear</c> of the step dropped at the carrier.</summary>
    public double? ClearDroppedMaxMs { get; init; }

    /// <summary>Phone: audio the carrier held unplayed as each agent frame arrived, over every frame of the step (p50, p95, max).</summary>
    public double? LineLeadP50Ms { get; init; }

    public double? LineLeadP95Ms { get; init; }

    public double? LineLeadMaxMs { get; init; }

    /// <summary>End of the interrupting speech → first audio of the new answer (median).</summary>
    public double? AfterBargeInP50Ms { get; init; }

    /// <summary>The server's own per-turn breakdown from <c>/metrics</c>; null when it could not be read.</summary>
    public Metrics.ServerBreakdown? Server { get; init; }

    /// <summary>Why <see cref="Server"/> is missing.</summary>
    public string? MetricsError { get; init; }

    /// <summary>p95 under the target, no turn behind real time, no error.</summary>
    public bool KeptUp { get; init; }
    public required double MaxClientSendLagMs { get; init; }
    public required double WallSeconds { get; init; }
    public double? ServerCpuSeconds { get; init; }

    /// <summary>Server CPU seconds per wall second: 1.0 is one core busy.</summary>
    public double? ServerCores { get; init; }

    public double? ServerRssMiBEnd { get; init; }
    public double? ServerRssMiBMax { get; init; }

    /// <summary>Server CPU per session: one core busy for one session is 100 %.</summary>
    public double? ServerCpuPercentPerSession { get; init; }

    /// <summary>(Highest RSS in the step − the idle server's RSS before the run) / N.</summary>
    public double? RssMiBPerSession { get; init; }
    public required double BenchCpuSeconds { get; init; }
    public required IReadOnlyList<string> ErrorMessages { get; init; }
    public required IReadOnlyList<TurnResult> TurnResults { get; init; }
}
