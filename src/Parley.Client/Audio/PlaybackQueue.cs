namespace Parley.Client.Audio;

/// <summary>Plays agent audio in order through a sink, and drops everything not yet played at once on <see cref="Flush"/>.</summary>
/// <remarks>
/// A sink's own buffer (a pipe to <c>pacat</c>, a sound card) cannot be emptied, so audio is handed to it no further
/// than <c>lead</c> ahead of the wall clock; the rest waits here, where <see cref="Flush"/> can drop it. Call
/// <see cref="Flush"/> on <c>interrupted</c>. Thread-safe.
/// </remarks>
public sealed class PlaybackQueue : IAsyncDisposable
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(40);
    private readonly IAudioSink _sink;
    private readonly TimeSpan _lead;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Queue<ReadOnlyMemory<byte>> _pending = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly long _origin;
    private readonly Task _pump;
    private int _generation;
    private long _pendingBytes;
    private TimeSpan _playhead;

    /// <summary>A queue in front of <paramref name="sink"/>.</summary>
    /// <param name="sink">Where the audio plays.</param>
    /// <param name="lead">How far ahead of the clock audio is handed to the sink (default 150 ms): the most that can still sound after a flush.</param>
    /// <param name="timeProvider">The clock, for tests.</param>
    public PlaybackQueue(IAudioSink sink, TimeSpan? lead = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sink = sink;
        _lead = lead ?? TimeSpan.FromMilliseconds(150);
        _time = timeProvider ?? TimeProvider.System;
        _origin = _time.GetTimestamp();
        _pump = PumpAsync();
    }

    /// <summary>Audio queued and not yet handed to the sink.</summary>
    public TimeSpan Pending => Pcm16.Duration(Interlocked.Read(ref _pendingBytes), _sink.SampleRate);

    /// <summary>Whether audio is queued or still sounding.</summary>
    public bool IsPlaying => Interlocked.Read(ref _pendingBytes) > 0 || _playhead > Now;

    /// <summary>Queues audio (PCM16 mono at the sink's rate) after what is queued.</summary>
    public void Enqueue(ReadOnlyMemory<byte> pcm)
    {
        var sliceBytes = Pcm16.ByteCount(Slice, _sink.SampleRate);
        lock (_gate)
        {
            // Small slices keep the lead, and so what a flush cannot take back, short.
            for (var offset = 0; offset < pcm.Length; offset += sliceBytes)
            {
                _pending.Enqueue(pcm.Slice(offset, Math.Min(sliceBytes, pcm.Length - offset)));
            }

            Interlocked.Add(ref _pendingBytes, pcm.Length);
        }

        _signal.Release();
    }

    /// <summary>Drops every queued chunk at once; at most the lead already handed to the sink still sounds.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            _pending.Clear();
            Interlocked.Exchange(ref _pendingBytes, 0);
            _generation++;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
        _stop.Dispose();
        _signal.Dispose();
    }

    private TimeSpan Now => _time.GetElapsedTime(_origin);

    private async Task PumpAsync()
    {
        try
        {
            while (true)
            {
                await _signal.WaitAsync(_stop.Token).ConfigureAwait(false);
                while (TryDequeue(out var slice, out var generation))
                {
                    var now = Now;
                    _playhead = _playhead < now ? now : _playhead;
                    var ahead = _playhead - now - _lead;
                    if (ahead > TimeSpan.Zero)
                    {
                        await Task.Delay(ahead, _time, _stop.Token).ConfigureAwait(false);
                    }

                    if (!Take(slice, generation))
                    {
                        continue;
                    }

                    await _sink.WriteAsync(slice, _stop.Token).ConfigureAwait(false);
                    _playhead += Pcm16.Duration(slice.Length, _sink.SampleRate);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private bool TryDequeue(out ReadOnlyMemory<byte> slice, out int generation)
    {
        lock (_gate)
        {
            generation = _generation;
            return _pending.TryPeek(out slice);
        }
    }

    /// <summary>Removes the slice peeked at, unless a flush came meanwhile (which already dropped it).</summary>
    private bool Take(ReadOnlyMemory<byte> slice, int generation)
    {
        lock (_gate)
        {
            if (generation != _generation || !_pending.TryDequeue(out _))
            {
                return false;
            }

            Interlocked.Add(ref _pendingBytes, -slice.Length);
            return true;
        }
    }
}
