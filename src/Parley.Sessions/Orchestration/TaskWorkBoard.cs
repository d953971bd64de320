namespace Parley.Sessions.Orchestration;

/// <summary>What the task workers of this node share in memory: the bell that says a task was queued, and the runs under way.</summary>
/// <remarks>
/// The queue itself is the database (a task waits as a <c>queued</c> row), so nothing here is lost by a restart. A
/// cancellation through the API or by voice changes the row first, then cancels the run here if this node has it.
/// </remarks>
public sealed class TaskWorkBoard
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _bell = new(0, 1);

    /// <summary>Tells an idle worker that a task was queued.</summary>
    public void Ring()
    {
        try
        {
            _bell.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already rung: one ring wakes a worker, which takes every queued task before it waits again.
        }
    }

    /// <summary>Waits for a ring, or <paramref name="timeout"/>, whichever comes first.</summary>
    /// <remarks>The wait is cancelled, not abandoned, at the timeout: an abandoned waiter would swallow the next ring.</remarks>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await _bell.WaitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Waits <paramref name="delay"/>; false when <paramref name="cancellationToken"/> ended the wait first.</summary>
    public static async Task<bool> SleepAsync(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Whether a run of the task is under way on this node.</summary>
    public bool IsRunning(string taskId)
    {
        lock (_gate)
        {
            return _running.ContainsKey(taskId);
        }
    }

    /// <summary>Records a run under way; the token is cancelled by <see cref="Cancel"/>. Dispose the lease when the run ends.</summary>
    public RunLease Start(string taskId)
    {
        var cancellation = new CancellationTokenSource();
        lock (_gate)
        {
            _running[taskId] = cancellation;
        }

        return new RunLease(this, taskId, cancellation);
    }

    /// <summary>Stops the run of a task if this node has one; false when it has none.</summary>
    public bool Cancel(string taskId)
    {
        CancellationTokenSource? run;
        lock (_gate)
        {
            run = _running.GetValueOrDefault(taskId);
        }

        if (run is null)
        {
            return false;
        }

        try
        {
            run.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended between the lookup and now: nothing left to stop.
        }

        return true;
    }

    private void End(RunLease lease)
    {
        lock (_gate)
        {
            if (_running.GetValueOrDefault(lease.TaskId) == lease.Cancellation)
            {
                _running.Remove(lease.TaskId);
            }
        }

        lease.Cancellation.Dispose();
    }

    /// <summary>One run of one task: its id and the token a cancellation cancels.</summary>
    public sealed class RunLease(TaskWorkBoard board, string taskId, CancellationTokenSource cancellation) : IDisposable
    {
        public string TaskId { get; } = taskId;

        public CancellationToken Cancelled => Cancellation.Token;

        internal CancellationTokenSource Cancellation { get; } = cancellation;

        public void Dispose() => board.End(this);
    }
}
