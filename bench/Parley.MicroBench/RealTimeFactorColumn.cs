using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Parley.MicroBench;

/// <summary>Real-time factor: mean time of one call divided by the duration of the audio it handles (below 1 is faster than real time).</summary>
public sealed class RealTimeFactorColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(RealTimeFactorColumn);

    /// <inheritdoc />
    public string ColumnName => "RTF";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 1;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "Real-time factor: Mean / Audio (0.01 = one hundredth of real time)";

    /// <summary>The real-time factor of a finished benchmark case, or null when it has no result or no audio.</summary>
    public static double? Of(Summary summary, BenchmarkCase benchmarkCase)
    {
        var meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var audio = AudioDurationColumn.AudioOf(benchmarkCase);
        if (meanNanoseconds is not { } mean || audio is not { } duration || duration <= TimeSpan.Zero)
        {
            return null;
        }

        return mean / (duration.TotalMilliseconds * 1_000_000);
    }

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        Of(summary, benchmarkCase) is { } factor ? factor.ToString("G3", CultureInfo.InvariantCulture) : "-";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => AudioDurationColumn.AudioOf(c) is not null);

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
