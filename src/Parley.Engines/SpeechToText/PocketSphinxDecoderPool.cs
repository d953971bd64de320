using System.Collections.Concurrent;

namespace Parley.Engines.SpeechToText;

/// <summary>Hands out decoders, creating them on demand up to a maximum; further renters wait in order.</summary>
/// <remarks>
/// A semaphore counts the decoders that may still be rented (idle ones plus those not yet created), so holding a
/// slot guarantees either an idle decoder or room to create one. When a rent leaves none idle, one more is built in
/// the background (below the maximum), so the next renter usually finds one ready instead of waiting ~0.4 s. The pool
/// owns that build: <see cref="Dispose"/> waits for it and frees what it built.
/// </remarks>
internal sealed class PocketSphinxDecoderPool : IDisposable
{
    private readonly Func<PocketSphinxDecoder> _create;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<PocketSphinxDecoder> _idle = new();
    private readonly CancellationTokenSource _disposing = new();

    // Guards starting a build and disposing, so no build can start after Dispose has taken the last one to wait for.
    private readonly Lock _growthGate = new();
    private Task _growth = Task.CompletedTask;
    private int _created;
    private volatile bool _disposed;

    /// <summary>Creates <paramref name="minDecoders"/> decoders now, on the calling thread.</summary>
    public PocketSphinxDecoderPool(Func<PocketSphinxDecoder> create, int minDecoders, int maxDecoders)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minDecoders);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDecoders);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minDecoders, maxDecoders);
        _create = create;
        MaxDecoders = maxDecoders;
        _slots = new SemaphoreSlim(maxDecoders, maxDecoders);
        try
        {
            for (var i = 0; i < minDecoders; i++)
            {
                _idle.Push(create());
                _created++;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Most decoders alive at once.</summary>
    public int MaxDecoders { get; }

    /// <summary>Decoders alive now, idle or rented.</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>Decoders waiting to be rented.</summary>
    public int Idle => _idle.Count;

    /// <summary>Rents a decoder: an idle one, else a new one (built off the caller's thread), else waits for a return.</summary>
    public async ValueTask<PocketSphinxDecoder> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_slots.Wait(0, CancellationToken.None))
        {
            await WaitForSlotAsync(cancellationToken);
        }

        if (_idle.TryPop(out var idle))
        {
            GrowIfEmpty();
            return idle;
        }

        PocketSphinxDecoder created;
        try
        {
            // Creation takes ~0.4 s of CPU: keep it off the caller's thread (often a socket loop). It is not
            // cancellable once started, so a cancelled renter would only waste it.
            created = await Task.Run(_create, CancellationToken.None);
            Interlocked.Increment(ref _created);
        }
        catch
        {
            _slots.Release();
            throw;
        }

        if (_disposed)
        {
            Discard(created);
            throw new ObjectDisposedException(GetType().FullName);
        }

        GrowIfEmpty();
        return created;
    }

    /// <summary>The background build in flight, or the last one (completed); for tests.</summary>
    internal Task Growth
    {
        get
        {
            lock (_growthGate)
            {
                return _growth;
            }
        }
    }

    /// <summary>With none idle and room left, builds one more decoder in the background; one at a time.</summary>
    private void GrowIfEmpty()
    {
        lock (_growthGate)
        {
            if (_disposed || !_idle.IsEmpty || Created >= MaxDecoders || !_growth.IsCompleted)
            {
                return;
            }

            _growth = Task.Run(Grow, CancellationToken.None);
        }
    }

    private void Grow()
    {
        try
        {
            // Holding a slot while none is idle guarantees room for one more (see the remarks).
            if (_disposed || !_idle.IsEmpty || !_slots.Wait(0, CancellationToken.None))
            {
                return;
            }

            try
            {
                if (!_idle.IsEmpty)
                {
                    return;
                }

                var created = _create();
                Interlocked.Increment(ref _created);
                _idle.Push(created);
                if (_disposed)
                {
                    FreeIdle();
                }
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (Exception)
        {
            // A failed build is not this caller's problem: the next renter that needs one builds it and hears why.
        }
    }

    /// <summary>Gives a decoder back; an unhealthy one is freed, leaving room for a fresh one.</summary>
    public void Return(PocketSphinxDecoder decoder, bool healthy)
    {
        if (healthy && !_disposed)
        {
            _idle.Push(decoder);

            // Dispose may have drained the stack just before the push: drain again so nothing leaks.
            if (_disposed)
            {
                FreeIdle();
            }
        }
        else
        {
            Discard(decoder);
        }

        _slots.Release();
    }

    /// <summary>Fails waiting renters, waits for a background build in flight, and frees idle decoders; rented decoders are freed when returned.</summary>
    public void Dispose()
    {
        Task growth;
        lock (_growthGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            growth = _growth;
        }

        _disposing.Cancel();

        // Grow catches its own failures, so this only waits (at most one build, ~0.4 s).
        growth.Wait(CancellationToken.None);
        FreeIdle();
    }

    private async Task WaitForSlotAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        try
        {
            await _slots.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(GetType().FullName);
        }

        if (_disposed)
        {
            _slots.Release();
            throw new ObjectDisposedException(GetType().FullName);
        }
    }

    private void FreeIdle()
    {
        while (_idle.TryPop(out var decoder))
        {
            Discard(decoder);
        }
    }

    private void Discard(PocketSphinxDecoder decoder)
    {
        decoder.Dispose();
        Interlocked.Decrement(ref _created);
    }
}
