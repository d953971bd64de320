namespace Parley.Bench.Soak;

/// <summary>What the sessions' soak measured.</summary>
internal sealed record SessionsSoakResult
{
    /// <summary>How many sessions are averaged at each end of the window after the warm-up.</summary>
    public const int Edge = 20;

    public required int Sessions { get; init; }
    public required int WarmupSessions { get; init; }
    public required double WallSeconds { get; init; }
    public required int Errors { get; init; }
    public required IReadOnlyList<string> ErrorMessages { get; init; }

    /// <summary>The server after each session (the first: before any).</summary>
    public required IReadOnlyList<ProcessSample> Samples { get; init; }

    /// <summary>Resident memory from the end of the warm-up on, per session; start and end are means of <see cref="Edge"/> sessions.</summary>
    public Trend? Rss => TrendOf(s => s.RssMiB);

    /// <summary>Open file descriptors after each session, from the end of the warm-up on.</summary>
    public Trend? OpenFiles => TrendOf(s => s.OpenFiles);

    /// <summary>Threads after each session, from the end of the warm-up on.</summary>
    public Trend? Threads => TrendOf(s => s.Threads);

    private Trend? TrendOf(Func<ProcessSample, double?> value)
        => Trend.Of([.. Samples.Where(s => s.SessionsDone >= WarmupSessions && value(s) is not null).Select(s => ((double)s.SessionsDone, value(s)!.Value))], Edge);
}
