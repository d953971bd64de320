using System.Collections.Concurrent;
using Parley.Sessions;

namespace Parley.Server.Voice;

/// <summary>The live voice sessions of this node: per-key limits, ending a revoked key's sessions, and draining them when the server stops.</summary>
internal sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<VoiceSession, string> _sessions = new();
    private readonly ConcurrentDictionary<string, int> _perKey = new();
    private volatile bool _draining;

    /// <summary>Live sessions now.</summary>
    public int Count => _sessions.Count;

    /// <summary>Whether the node is draining and takes no new sessions.</summary>
    public bool IsDraining => _draining;

    /// <summary>Adds a session unless its key is at its limit.</summary>
    public bool TryAdd(VoiceSession session, string apiKeyId, int maxPerKey)
    {
        var admitted = false;
        _perKey.AddOrUpdate(apiKeyId, _ => { admitted = true; return 1; }, (_, n) => (admitted = n < maxPerKey) ? n + 1 : n);
        if (!admitted)
        {
            return false;
        }

        _sessions[session] = apiKeyId;
        return true;
    }

    /// <summary>Removes a session that has ended.</summary>
    public void Remove(VoiceSession session)
    {
        if (_sessions.TryRemove(session, out var apiKeyId))
        {
            _perKey.AddOrUpdate(apiKeyId, 0, (_, n) => Math.Max(0, n - 1));
        }
    }

    /// <summary>The keys live sessions came with.</summary>
    public IReadOnlyCollection<string> ApiKeyIds => [.. _sessions.Values.Distinct(StringComparer.Ordinal)];

    /// <summary>Ends the sessions of a revoked key with <c>unauthorized</c> and 1008; returns how many.</summary>
    public int EndSessionsOf(string apiKeyId)
    {
        var ended = 0;
        foreach (var (session, key) in _sessions)
        {
            if (key == apiKeyId)
            {
                session.Revoke();
                ended++;
            }
        }

        return ended;
    }

    /// <summary>Ends every session with 1012 so clients reconnect elsewhere; new ones are refused.</summary>
    public void DrainAll()
    {
        _draining = true;
        foreach (var session in _sessions.Keys)
        {
            session.Drain();
        }
    }
}
