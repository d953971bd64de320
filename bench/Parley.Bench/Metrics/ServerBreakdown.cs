namespace Parley.Bench.Metrics;

/// <summary>The server's own figures for one step, from the difference of two <c>/metrics</c> scrapes.</summary>
internal sealed record ServerBreakdown
{
    /// <summary>The histograms read, in pipeline order, with the short names used in tables.</summary>
    public static IReadOnlyList<(string Metric, string Short)> Stages { get; } =
    [
        ("parley_turn_endpoint_to_stt_final", "endpoint→STT"),
        ("parley_turn_stt_final_to_first_text", "STT→text"),
        ("parley_turn_first_text_to_first_audio", "text→TTS"),
        ("parley_turn_first_audio_to_first_frame", "TTS→frame"),
        ("parley_turn_endpoint_to_first_frame", "endpoint→frame"),
        ("parley_barge_in_latency", "barge-in"),
    ];

    /// <summary>Per histogram (by metric name): observations in the step and their mean, p50 and p95 in ms.</summary>
    public required IReadOnlyDictionary<string, StageFigures> Figures { get; init; }

    /// <summary>Works out the step's figures from the scrapes before and after it.</summary>
    public static ServerBreakdown Between(IReadOnlyDictionary<string, HistogramSnapshot> before, IReadOnlyDictionary<string, HistogramSnapshot> after)
    {
        var figures = new Dictionary<string, StageFigures>(StringComparer.Ordinal);
        foreach (var (metric, _) in Stages)
        {
            if (PrometheusText.Find(after, metric) is not { } later)
            {
                continue;
            }

            var delta = later.Minus(PrometheusText.Find(before, metric) ?? HistogramSnapshot.Empty);
            figures[metric] = new StageFigures((long)delta.Count, delta.Mean, delta.Quantile(0.5), delta.Quantile(0.95));
        }

        return new ServerBreakdown { Figures = figures };
    }

    /// <summary>The figures of <paramref name="metric"/>, or null when the server did not report it.</summary>
    public StageFigures? Of(string metric) => Figures.TryGetValue(metric, out var figures) ? figures : null;
}
