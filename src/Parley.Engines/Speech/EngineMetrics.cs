using System.Diagnostics.Metrics;

namespace Parley.Engines.Speech;

/// <summary>Speech engine figures on the <c>Parley</c> meter (the server exports it on <c>/metrics</c>): failures, fallbacks, and how long remote engines take.</summary>
public static class EngineMetrics
{
    /// <summary>The meter's name, shared with the sessions' figures.</summary>
    public const string MeterName = "Parley";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        "parley.speech.failures", "{failure}", "Speech engine calls that failed, by engine and direction (stt, tts).");

    internal static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>(
        "parley.speech.fallbacks", "{fallback}", "Utterances or sentences handed to the fallback engine, by the engine that failed and direction.");

    internal static readonly Histogram<double> FinalTextLatency = Meter.CreateHistogram(
        "parley.speech.stt.final", "ms", "End of an utterance → its final text, by engine.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [5, 10, 20, 40, 80, 150, 250, 400, 600, 1000, 2000, 5000] });

    internal static readonly Histogram<double> FirstChunkLatency = Meter.CreateHistogram(
        "parley.speech.tts.first_chunk", "ms", "A piece asked → its first audio, by engine.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [5, 10, 20, 40, 80, 150, 250, 400, 600, 1000, 2000, 5000] });

    internal static KeyValuePair<string, object?> Engine(string name) => new("engine", name);

    internal static KeyValuePair<string, object?> Direction(string direction) => new("direction", direction);
}
