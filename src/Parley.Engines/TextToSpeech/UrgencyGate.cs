namespace Parley.Engines.TextToSpeech;

/// <summary>Lets up to a number of callers in at once; urgent callers waiting go ahead of the others, each kind first come, first served.</summary>
/// <remarks>
/// A reply's first sentence has someone waiting for it now; the sentences after it are synthesised while the first
/// one plays, with seconds to spare. When many replies start at once, this order keeps every first sentence from
/// queueing behind the others' later ones, and the bound (one per core) keeps syntheses from slicing the cores between
/// them, which would delay every first sentence to the end of the burst.
/// </remarks>
internal sealed class UrgencyGate
{
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource> _urgent = new();
    private readonly Queue<TaskCompletionSource> _others = new();
    private readonly int _capacity;
    private int _inside;

    /// <summary>A gate that lets <paramref name="capacity"/> callers in at once.</summary>
    public UrgencyGate(int capacity = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Waits for the turn; dispose the result to give it up.</summary>
    public async ValueTask<Turn> EnterAsync(bool urgent, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_inside < _capacity)
            {
                _inside++;
                return new Turn(this);
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (urgent ? _urgent : _others).Enqueue(waiter);
        }

        using (cancellationToken.Register(static w => ((TaskCompletionSource)w!).TrySetCanceled(), waiter))
        {
            await waiter.Task.ConfigureAwait(false);
        }

        return new Turn(this);
    }

    private void Exit()
    {
        lock (_gate)
        {
            // A waiter that gave up (cancelled) refuses the turn; the next one takes it.
            while (_urgent.TryDequeue(out var next) || _others.TryDequeue(out next))
            {
                if (next.TrySetResult())
                {
                    return;
                }
            }

            _inside--;
        }
    }

    /// <summary>Holding the gate; disposing lets the next caller in.</summary>
    public readonly struct Turn(UrgencyGate gate) : IDisposable
    {
        public void Dispose() => gate.Exit();
    }
}
