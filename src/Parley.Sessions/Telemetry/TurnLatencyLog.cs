using System.Collections.Concurrent;

namespace Parley.Sessions.Telemetry;

/// <summary>The latencies of a session's spoken turns, in order, kept up to a bound (a turn's stages are reported from its reply's task).</summary>
internal sealed class TurnLatencyLog
{
    /// <summary>The most turns kept; later ones are counted in metrics only.</summary>
    public const int MaxTurns = 1000;

    private readonly ConcurrentQueue<TurnLatency> _turns = new();

    public void Add(TurnLatency latency)
    {
        if (_turns.Count < MaxTurns)
        {
            _turns.Enqueue(latency);
        }
    }

    /// <summary>The turns so far; read once the session's replies are over.</summary>
    public IReadOnlyList<TurnLatency> Turns => [.. _turns];
}
