namespace Parley.Bench.Metrics;

/// <summary>One server histogram over one step: observations, mean (exact, from the sum) and p50/p95 (estimated from buckets), in ms.</summary>
internal sealed record StageFigures(long Count, double? MeanMs, double? P50Ms, double? P95Ms);
