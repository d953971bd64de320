namespace Parley.Bench.Soak;

/// <summary>How a series of samples moved: its level at the start and end of a window, and its least-squares slope.</summary>
/// <param name="Start">The mean of the first samples of the window.</param>
/// <param name="End">The mean of the last samples of the window.</param>
/// <param name="Min">The lowest sample of the window.</param>
/// <param name="Max">The highest sample of the window.</param>
/// <param name="SlopePerUnit">The least-squares slope over the whole window, per unit of x (a minute, or a session).</param>
internal sealed record Trend(double Start, double End, double Min, double Max, double SlopePerUnit)
{
    /// <summary>End over start, as a percentage change.</summary>
    public double GrowthPercent => Start == 0 ? 0 : (End - Start) / Start * 100;

    /// <summary>The trend of <paramref name="points"/>, averaging <paramref name="edge"/> points at each end.</summary>
    public static Trend? Of(IReadOnlyList<(double X, double Y)> points, int edge)
    {
        if (points.Count < 2)
        {
            return null;
        }

        edge = Math.Clamp(edge, 1, points.Count / 2);
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var covariance = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var variance = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return new Trend(
            points.Take(edge).Average(p => p.Y),
            points.TakeLast(edge).Average(p => p.Y),
            points.Min(p => p.Y),
            points.Max(p => p.Y),
            variance == 0 ? 0 : covariance / variance);
    }
}
