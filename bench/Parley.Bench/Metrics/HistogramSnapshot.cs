namespace Parley.Bench.Metrics;

/// <summary>A Prometheus histogram as scraped: cumulative bucket counts by upper bound, the sum and the count.</summary>
/// <param name="UpperBounds">Bucket upper bounds, ascending; the last is +∞.</param>
/// <param name="Cumulative">Observations at or below each bound (Prometheus buckets are cumulative).</param>
/// <param name="Sum">Sum of all observations.</param>
/// <param name="Count">Number of observations.</param>
internal sealed record HistogramSnapshot(IReadOnlyList<double> UpperBounds, IReadOnlyList<double> Cumulative, double Sum, double Count)
{
    /// <summary>An empty histogram, for a family not scraped before.</summary>
    public static HistogramSnapshot Empty { get; } = new([double.PositiveInfinity], [0], 0, 0);

    /// <summary>Mean observation, or null with none.</summary>
    public double? Mean => Count > 0 ? Sum / Count : null;

    /// <summary>What was observed between <paramref name="before"/> and this later scrape of the same cumulative histogram.</summary>
    public HistogramSnapshot Minus(HistogramSnapshot before)
    {
        var earlier = new double[UpperBounds.Count];
        for (var i = 0; i < UpperBounds.Count; i++)
        {
            earlier[i] = before.CumulativeAt(UpperBounds[i]);
        }

        return new HistogramSnapshot(
            UpperBounds,
            [.. Cumulative.Select((c, i) => Math.Max(0, c - earlier[i]))],
            Math.Max(0, Sum - before.Sum),
            Math.Max(0, Count - before.Count));
    }

    /// <summary>
    /// Estimates the <paramref name="quantile"/> (0–1) as Prometheus's <c>histogram_quantile</c> does: find the
    /// bucket holding that rank and interpolate linearly inside it (from 0 for the first bucket); a rank in the +∞
    /// bucket returns the highest finite bound. Null when nothing was observed.
    /// </summary>
    public double? Quantile(double quantile)
    {
        var total = Cumulative.Count > 0 ? Cumulative[^1] : 0;
        if (total <= 0)
        {
            return null;
        }

        var rank = Math.Clamp(quantile, 0, 1) * total;
        for (var i = 0; i < Cumulative.Count; i++)
        {
            if (Cumulative[i] < rank)
            {
                continue;
            }

            var upper = UpperBounds[i];
            if (double.IsPositiveInfinity(upper))
            {
                return i > 0 ? UpperBounds[i - 1] : null;
            }

            var lower = i > 0 ? UpperBounds[i - 1] : 0;
            var below = i > 0 ? Cumulative[i - 1] : 0;
            var inBucket = Cumulative[i] - below;
            return inBucket <= 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket;
        }

        return UpperBounds.Count > 1 ? UpperBounds[^2] : null;
    }

    private double CumulativeAt(double bound)
    {
        for (var i = 0; i < UpperBounds.Count; i++)
        {
            if (UpperBounds[i] == bound)
            {
                return Cumulative[i];
            }
        }

        return 0;
    }
}
