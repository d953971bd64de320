namespace Parley.Knowledge.Ingestion;

/// <summary>Knowledge waiting for ingestion and knowledge being ingested: the API queues and cancels, the background worker takes.</summary>
/// <remarks>
/// A knowledge is waiting at most once, and running at most once: queued again while it runs, it is queued once more
/// when that run ends (and then finds any files that became pending meanwhile, or nothing to do). So the queue holds
/// at most one entry per knowledge. <see cref="Cancel"/> forgets a waiting knowledge and cancels a running one, so
/// deleting a knowledge stops the work on it at once. A lost entry is found again at the next start (its files stay
/// pending), and a deleted knowledge has no pending files left to be found.
/// </remarks>
public sealed class KnowledgeIngestionQueue
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _order = new();
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private readonly HashSet<string> _again = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _entries = new(0);

    /// <summary>Knowledge waiting, not yet taken.</summary>
    public int WaitingCount
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>True while the knowledge is being ingested.</summary>
    public bool IsRunning(string knowledgeId)
    {
        lock (_gate)
        {
            return _running.ContainsKey(knowledgeId);
        }
    }

    /// <summary>Queues a knowledge whose files wait for ingestion.</summary>
    public void Enqueue(string knowledgeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(knowledgeId);
        lock (_gate)
        {
            if (_running.ContainsKey(knowledgeId))
            {
                _again.Add(knowledgeId);
                return;
            }

            if (!_waiting.Add(knowledgeId))
            {
                return;
            }

            _order.Enqueue(knowledgeId);
        }

        _entries.Release();
    }

    /// <summary>Forgets a waiting knowledge and cancels its ingestion if one runs (it was deleted).</summary>
    public void Cancel(string knowledgeId)
    {
        CancellationTokenSource? running;
        lock (_gate)
        {
            // Its entry stays in the order and is skipped when reached; the set says what is still wanted.
            _waiting.Remove(knowledgeId);
            _again.Remove(knowledgeId);
            running = _running.GetValueOrDefault(knowledgeId);
        }

        try
        {
            running?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended between the lookup and now: nothing left to stop.
        }
    }

    /// <summary>Waits for the next knowledge to ingest and marks it running; dispose the lease when the run ends.</summary>
    internal async Task<IngestionLease> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _entries.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                var id = _order.Dequeue();
                if (!_waiting.Remove(id))
                {
                    continue; // cancelled while it waited
                }

                var cancellation = new CancellationTokenSource();
                _running.Add(id, cancellation);
                return new IngestionLease(this, id, cancellation);
            }
        }
    }

    private void Release(IngestionLease lease)
    {
        bool again;
        lock (_gate)
        {
            _running.Remove(lease.KnowledgeId);
            again = _again.Remove(lease.KnowledgeId);
        }

        lease.Cancellation.Dispose();
        if (again)
        {
            Enqueue(lease.KnowledgeId);
        }
    }

    /// <summary>One run of one knowledge: its id and the token that <see cref="Cancel"/> cancels.</summary>
    internal sealed class IngestionLease(KnowledgeIngestionQueue queue, string knowledgeId, CancellationTokenSource cancellation) : IDisposable
    {
        public string KnowledgeId { get; } = knowledgeId;

        public CancellationToken Cancelled => Cancellation.Token;

        internal CancellationTokenSource Cancellation { get; } = cancellation;

        public void Dispose() => queue.Release(this);
    }
}
