using System.Collections.Concurrent;
using Parley.Sessions;

namespace Parley.Server.Voice;

/// <summary>The live voice sessions of this node: ending a revoked key's sessions, and draining them when the node stops.</summary>
/// <remarks>How many sessions a key may hold at once is counted apart, by <see cref="ISessionSlots"/>: on a cluster, across every node.</remarks>
internal sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<VoiceSession, string> _sessions = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _draining;

    /// <summary>Live sessions now.</summary>
    public int Count => _sessions.Count;

    /// <summary>Whether the node is draining and takes no new sessions.</summary>
    public bool IsDraining => _draining;

    /// <summary>Adds a session that was admitted.</summary>
    public void Add(VoiceSession session, string apiKeyId)
    {
        _sessions[session] = apiKeyId;
        if (_draining)
        {
            // Admitted as the drain began: it ends like the others, so none is left behind.
            session.Drain();
        }
    }

    /// <summary>Removes a session that has ended.</summary>
    public void Remove(VoiceSession session)
    {
        _sessions.TryRemove(session, out _);
        if (_draining && _sessions.IsEmpty)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>The keys live sessions came with (phone calls to a number came with none, and count against the number).</summary>
    public IReadOnlyCollection<string> ApiKeyIds => [.. _sessions.Values.Where(Telephony.SessionKeys.IsApiKey).Distinct(StringComparer.Ordinal)];

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

    /// <summary>Refuses new sessions from now on and asks every live one to end (close 1012) once its reply is over, within <paramref name="grace"/>.</summary>
    /// <returns>Completes when the last session has ended.</returns>
    public Task DrainAsync(TimeSpan grace)
    {
        _draining = true;
        foreach (var session in _sessions.Keys)
        {
            session.Drain(grace);
        }

        if (_sessions.IsEmpty)
        {
            _drained.TrySetResult();
        }

        return _drained.Task;
    }

    /// <summary>Ends every session at once with 1012; new ones are refused.</summary>
    public void DrainAll()
    {
        _draining = true;
        foreach (var session in _sessions.Keys)
        {
            session.Drain();
        }
    }
}
