namespace Parley.Bench;

/// <summary>Nearest-rank percentiles: with few samples, p95 and p99 are simply the largest.</summary>
internal static class Percentile
{
    public static double? Of(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
