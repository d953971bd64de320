namespace Parley.Bench;

/// <summary>Everything one simulated caller measured.</summary>
internal sealed record CallerResult
{
    public required int Caller { get; init; }
    public required IReadOnlyList<TurnResult> Turns { get; init; }

    /// <summary>Session-level failures: connect, start, error frames, an early close.</summary>
    public required IReadOnlyList<string> Errors { get; init; }

    /// <summary>How late this caller's microphone chunks went out at worst; a loaded client shows here.</summary>
    public double MaxSendLagMs { get; init; }

    /// <summary>Phone calls: for every frame of agent audio, how much the carrier already held unplayed when it arrived.</summary>
    public IReadOnlyList<double> FrameLeadsMs { get; init; } = [];
}
