namespace Parley.Bench.Soak;

/// <summary>What the callers' soak measured.</summary>
internal sealed record CallersSoakResult
{
    public required int Callers { get; init; }
    public required int Minutes { get; init; }
    public required int WarmupMinutes { get; init; }
    public required double WallSeconds { get; init; }
    public required int Sessions { get; init; }
    public required int Turns { get; init; }
    public required int AnsweredTurns { get; init; }
    public required int Errors { get; init; }
    public required IReadOnlyList<string> ErrorMessages { get; init; }

    /// <summary>The idle server before the callers began.</summary>
    public required ProcessSample IdleBefore { get; init; }

    /// <summary>The idle server 10 s after the last caller hung up.</summary>
    public required ProcessSample IdleAfter { get; init; }

    /// <summary>Every 5 s while the callers talked.</summary>
    public required IReadOnlyList<ProcessSample> Samples { get; init; }

    /// <summary>Resident memory after the warm-up, per minute; start and end are one-minute means.</summary>
    public Trend? Rss => TrendOf(s => s.RssMiB);

    /// <summary>Open file descriptors after the warm-up, per minute; start and end are one-minute means.</summary>
    public Trend? OpenFiles => TrendOf(s => s.OpenFiles);

    /// <summary>Threads after the warm-up, per minute.</summary>
    public Trend? Threads => TrendOf(s => s.Threads);

    private Trend? TrendOf(Func<ProcessSample, double?> value)
    {
        var warm = Samples.Where(s => s.AtSeconds >= WarmupMinutes * 60 && value(s) is not null)
            .Select(s => (s.AtSeconds / 60, value(s)!.Value))
            .ToList();
        // Samples come every 5 s: twelve make a minute.
        return Trend.Of(warm, edge: 12);
    }
}
