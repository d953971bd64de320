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

    // Shrinking: the fewest decoders idle at once since the last trim; the timer that trims, and a gate so Dispose
    // waits for a trim in flight.
    private readonly Lock _trimGate = new();
    private readonly ITimer? _trimTimer;
    private int _idleLowWater;

    /// <summary>Creates <paramref name="minDecoders"/> decoders now, on the calling thread.</summary>
    /// <param name="create">Builds one decoder.</param>
    /// <param name="minDecoders">Decoders built now and never freed for being idle.</param>
    /// <param name="maxDecoders">Most decoders alive at once.</param>
    /// <param name="idleTimeout">How long decoders beyond the minimum may stay unused before they are freed; <see cref="Timeout.InfiniteTimeSpan"/> keeps them.</param>
    /// <param name="timeProvider">The clock of <paramref name="idleTimeout"/>; the system's when null.</param>
    public PocketSphinxDecoderPool(
        Func<PocketSphinxDecoder> create, int minDecoders, int maxDecoders, TimeSpan? idleTimeout = null, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minDecoders);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDecoders);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minDecoders, maxDecoders);
        var trimEvery = idleTimeout ?? Timeout.InfiniteTimeSpan;
        if (trimEvery != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(trimEvery, TimeSpan.Zero, nameof(idleTimeout));
        }

        _create = create;
        MinDecoders = minDecoders;
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

        _idleLowWater = minDecoders;
        if (trimEvery != Timeout.InfiniteTimeSpan)
        {
            _trimTimer = (timeProvider ?? TimeProvider.System).CreateTimer(_ => TrimIdle(), null, trimEvery, trimEvery);
        }
    }

    /// <summary>Decoders kept however long they stay idle.</summary>
    public int MinDecoders { get; }

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

        var popped = _idle.TryPop(out var idle);
        NoteIdleCount();
        if (popped)
        {
            GrowIfEmpty();
            return idle!;
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
        _trimTimer?.Dispose();

        // A trim in flight finishes before the idle ones are freed below; later ticks see _disposed and do nothing.
        lock (_trimGate)
        {
        }

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

    /// <summary>Frees the decoders that stayed idle for a whole period, beyond the minimum and one spare; the trim timer's tick (tests call it on a fake clock).</summary>
    internal void TrimIdle()
    {
        lock (_trimGate)
        {
            if (_disposed)
            {
                return;
            }

            var unused = Interlocked.Exchange(ref _idleLowWater, _idle.Count);

            // One spare stays: with none idle the next rent would build one at once anyway.
            var free = Math.Min(unused - 1, Created - MinDecoders);
            var freed = 0;
            for (; freed < free && _idle.TryPop(out var decoder); freed++)
            {
                // Idle → not yet created: the slot this decoder held stays available, so the semaphore is unchanged.
                Discard(decoder);
            }

            if (freed > 0)
            {
                Memory.NativeHeap.ReleaseFreedMemory();
            }

            Volatile.Write(ref _idleLowWater, Math.Min(Volatile.Read(ref _idleLowWater), _idle.Count));
        }
    }

    // After a rent took an idle decoder or found none: the fewest idle at once since the last trim.
    private void NoteIdleCount()
    {
        var idle = _idle.Count;
        var low = Volatile.Read(ref _idleLowWater);
        while (idle < low)
        {
            var seen = Interlocked.CompareExchange(ref _idleLowWater, idle, low);
            if (seen == low)
            {
                return;
            }

            low = seen;
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
