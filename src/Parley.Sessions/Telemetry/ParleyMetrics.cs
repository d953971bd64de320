using System.Diagnostics.Metrics;

namespace Parley.Sessions.Telemetry;

/// <summary>The <c>Parley</c> meter: per-turn latencies of the server's own work, barge-ins and turn counts.</summary>
/// <remarks>
/// Every figure is recorded once per turn (or per barge-in), never per audio frame. Histograms are in
/// milliseconds with buckets advised for voice latencies, so an exporter (OpenTelemetry's Prometheus endpoint in the
/// server) gets useful percentiles without a view. The meter is static because sessions have no container of their
/// own; a listener (OpenTelemetry, <see cref="MeterListener"/>) subscribes to it by <see cref="MeterName"/>.
/// </remarks>
public static class ParleyMetrics
{
    /// <summary>The meter's name, to subscribe to.</summary>
    public const string MeterName = "Parley";

    /// <summary>Histogram bucket upper bounds in milliseconds: fine below half a second, where the targets are.</summary>
    public static IReadOnlyList<double> LatencyBucketsMs { get; } =
        [5, 10, 20, 30, 40, 50, 75, 100, 150, 200, 250, 300, 350, 400, 450, 500, 600, 750, 1000, 1500, 2000, 3000, 5000, 10000];

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Histogram<double> EndpointToSttFinal = Latency(
        "parley.turn.endpoint_to_stt_final", "End of the user's turn decided → the recogniser's final text.");

    internal static readonly Histogram<double> SttFinalToFirstText = Latency(
        "parley.turn.stt_final_to_first_text", "Recogniser's final text → the agent's first text.");

    internal static readonly Histogram<double> FirstTextToFirstAudio = Latency(
        "parley.turn.first_text_to_first_audio", "Agent's first text → its first synthesised audio (first sentence synthesised and resampled).");

    internal static readonly Histogram<double> FirstAudioToFirstFrame = Latency(
        "parley.turn.first_audio_to_first_frame", "First synthesised audio → its first frame posted to the client.");

    internal static readonly Histogram<double> EndpointToFirstFrame = Latency(
        "parley.turn.endpoint_to_first_frame", "End of the user's turn decided → first agent audio frame posted: the server's share of the reply latency.");

    internal static readonly Histogram<double> BargeInLatency = Latency(
        "parley.barge_in.latency", "Onset of the user's speech over the agent → the reply cut off and interrupted sent.");

    internal static readonly Histogram<double> FalseInterruptionGap = Latency(
        "parley.barge_in.false_interruption_gap", "Agent cut off by speech that proved no turn (a backchannel, a cough) → the first frame of the rest of its reply: the silence the user hears.");

    internal static readonly Counter<long> Turns = Meter.CreateCounter<long>(
        "parley.turns", "{turn}", "Spoken user turns the agent started answering.");

    internal static readonly Counter<long> Interruptions = Meter.CreateCounter<long>(
        "parley.interruptions", "{interruption}", "Agent replies cut off (by barge-in, a new turn or the client's interrupt) with interrupted sent.");

    internal static readonly Counter<long> SpeculationsStarted = Meter.CreateCounter<long>(
        "parley.speculative_replies.started", "{reply}", "Replies started on the user's words as they paused, before the endpoint (held, sending nothing).");

    internal static readonly Counter<long> SpeculationsConfirmed = Meter.CreateCounter<long>(
        "parley.speculative_replies.confirmed", "{reply}", "Speculative replies whose turn ended with the words they were started on: released at the endpoint.");

    internal static readonly Counter<long> SpeculationsDropped = Meter.CreateCounter<long>(
        "parley.speculative_replies.dropped", "{reply}", "Speculative replies thrown away unsent: the user went on, said something else, or the utterance came to no turn.");

    internal static readonly UpDownCounter<long> BufferedBytes = Meter.CreateUpDownCounter<long>(
        "parley.sessions.buffered", "By", "What live sessions hold for their peers: frames queued to send and microphone audio not yet heard.");

    internal static readonly Counter<long> SlowPeersDropped = Meter.CreateCounter<long>(
        "parley.sessions.slow_peers_dropped", "{connection}", "Connections dropped because the client stopped reading what the server sent.");

    private static Histogram<double> Latency(string name, string description)
        => Meter.CreateHistogram(name, "ms", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBucketsMs });
}
