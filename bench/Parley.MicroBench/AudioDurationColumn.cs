using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Parley.MicroBench;

/// <summary>Shows how much audio a benchmark method handles per call, for methods marked with <see cref="AudioDurationAttribute"/>.</summary>
public sealed class AudioDurationColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(AudioDurationColumn);

    /// <inheritdoc />
    public string ColumnName => "Audio [ms]";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "Duration of the audio one call decodes, synthesises or resamples";

    /// <summary>The audio a benchmark case handles per call, or null when its method is not marked.</summary>
    public static TimeSpan? AudioOf(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<AudioDurationAttribute>() is { } attribute
            ? BenchmarkSpeech.DurationOf(attribute.Clip)
            : null;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        AudioOf(benchmarkCase) is { } audio ? audio.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) : "-";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => AudioOf(c) is not null);

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
