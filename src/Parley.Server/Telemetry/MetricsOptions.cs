namespace Parley.Server.Telemetry;

/// <summary>The Prometheus metrics endpoint; bound from <c>Parley:Metrics</c>.</summary>
public sealed record MetricsOptions
{
    /// <summary>Whether <see cref="Path"/> is served at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Where the Prometheus text format is served.</summary>
    public string Path { get; init; } = "/metrics";

    /// <summary>
    /// Whether a scrape must send <c>Authorization: Bearer KEY</c> with an admin key. Off by default: scrapers
    /// usually reach a node on an internal network without credentials, and the figures hold no conversation data
    /// (latencies, counts, runtime statistics). Turn it on when the server's port is reachable from outside.
    /// </summary>
    public bool RequireKey { get; init; }
}
