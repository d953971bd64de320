using System.Diagnostics.Metrics;
using Parley.Server.Voice;
using Parley.Sessions.Telemetry;

namespace Parley.Server.Telemetry;

/// <summary>Publishes <c>parley.sessions.live</c>, the voice sessions open on this node, read from the registry when scraped.</summary>
internal sealed class LiveSessionGauge
{
    public LiveSessionGauge(IMeterFactory meters, SessionRegistry registry)
    {
        // The factory owns the meter and disposes it with the container, so test servers do not leak callbacks.
        var meter = meters.Create(ParleyMetrics.MeterName);
        meter.CreateObservableUpDownCounter("parley.sessions.live", () => registry.Count, "{session}", "Voice sessions open on this node.");
    }
}
