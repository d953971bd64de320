using System.Net.Sockets;

namespace Parley.Engines.SpeechToText;

/// <summary>PocketSphinx in helper processes: a zygote holds one built decoder and forks a copy for every stream.</summary>
/// <remarks>
/// The zygote keeps <see cref="PocketSphinxOptions.MinDecoders"/> (at least one) copies forked ahead, so a stream
/// opens at once. A zygote that dies (killed, crashed) is replaced on the next open; streams it had forked go on
/// meanwhile. At most <see cref="PocketSphinxOptions.MaxDecoders"/> streams decode at once; further opens wait in
/// order. The recogniser owns the zygote's start: disposing cancels one in flight and waits for it.
/// With a finite <see cref="PocketSphinxOptions.HelperIdleTimeout"/> the zygote runs only while calls need it: a call
/// (<see cref="BeginCall"/>) starts it when stopped, and it is stopped once no call has been open nor stream opened for
/// that long, so an idle server holds none of its memory.
/// </remarks>
internal sealed class PocketSphinxForkedRecognizer : IPocketSphinxEngine
{
    private readonly PocketSphinxOptions _options;
    private readonly IReadOnlyList<string> _arguments;
    private readonly string _helper;
    private readonly string _socketDirectory;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _disposing = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ITimer? _idleTimer;

    // Null while stopped for want of calls (HelperIdleTimeout); otherwise the zygote started last, awaited by every open and by Dispose.
    private Task<PocketSphinxZygote>? _zygote;
    private int _generation;
    private int _openCalls;
    private long _lastUsed;
    private bool _disposed;

    /// <summary>Starts the zygote and waits until its decoder is built, so a bad configuration fails here; with a finite <see cref="PocketSphinxOptions.HelperIdleTimeout"/> it is then stopped until a call needs it.</summary>
    public PocketSphinxForkedRecognizer(PocketSphinxOptions options, IReadOnlyList<string> arguments, TimeProvider time)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PocketSphinxHelperUnavailableException("PocketSphinx's forked mode runs on Linux only; set Parley:Engines:PocketSphinx:Mode to InProcess.");
        }

        _options = options;
        _arguments = arguments;
        _helper = PocketSphinxSetupFiles.FindHelper(options);
        _slots = new SemaphoreSlim(options.MaxDecoders, options.MaxDecoders);
        _time = time;

        // Only this user may connect: a socket in a folder no one else can enter.
        _socketDirectory = Path.Combine(Path.GetTempPath(), $"parley-pocketsphinx-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        Directory.CreateDirectory(_socketDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var first = StartZygoteAsync(replacing: null);
        _zygote = first;
        try
        {
            first.GetAwaiter().GetResult();
        }
        catch
        {
            Directory.Delete(_socketDirectory, recursive: true);
            throw;
        }

        if (options.HelperIdleTimeout != Timeout.InfiniteTimeSpan)
        {
            _idleTimer = time.CreateTimer(_ => StopIfIdle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

            // The configuration is known good; no call needs the decoder yet.
            _zygote = null;
            first.Result.Dispose();
        }
    }

    /// <inheritdoc />
    public string Name => "pocketsphinx";

    /// <inheritdoc />
    public int SampleRate => 16000;

    /// <inheritdoc />
    /// <remarks>The spares the running zygote keeps forked ahead (it replaces each one a stream takes); none while it (re)starts.</remarks>
    public int IdleDecoders => RunningZygote() is null ? 0 : Spares;

    /// <inheritdoc />
    /// <remarks>
    /// Streams holding a slot. A forked decoder serves one stream and exits when the stream is disposed, handing its
    /// private pages back to the kernel, so unlike the in-process pool nothing stays idle to be freed later: the only
    /// lasting memory is the zygote's decoder and its <see cref="Spares"/>, the forked mode's <see cref="PocketSphinxOptions.MinDecoders"/>.
    /// </remarks>
    public int RentedDecoders => _options.MaxDecoders - _slots.CurrentCount;

    // Decoders forked ahead, waiting for a stream: at least one, so opening a stream never waits for a fork.
    private int Spares => Math.Max(1, _options.MinDecoders);

    /// <summary>The current zygote's process id (0 while one starts or while stopped for want of calls), for tests.</summary>
    internal int ZygoteProcessId
    {
        get
        {
            lock (_gate)
            {
                return _zygote is { IsCompletedSuccessfully: true } ? _zygote.Result.ProcessId : 0;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Starts the zygote when it was stopped, without waiting for it: the call's first utterance waits only for what is left of its build.</remarks>
    public IDisposable BeginCall()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _openCalls++;
            _zygote ??= StartZygoteAsync(replacing: null);
        }

        return new Call(this);
    }

    /// <inheritdoc />
    /// <remarks>Completes at once when a slot is free and the zygote runs (a spare decoder takes the connection); waits for a slot or a zygote (re)starting otherwise.</remarks>
    public ValueTask<ISpeechRecognitionStream> OpenStreamAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_slots.Wait(0, CancellationToken.None))
        {
            return OpenSlowlyAsync(holdingSlot: false, cancellationToken);
        }

        Touch();
        if (RunningZygote() is { } zygote)
        {
            try
            {
                return ValueTask.FromResult<ISpeechRecognitionStream>(PocketSphinxForkedStream.Open(zygote, _slots, _options.ReplyTimeout));
            }
            catch (Exception ex) when (IsDead(zygote, ex))
            {
                // Replaced on the slow path.
            }
            catch
            {
                _slots.Release();
                throw;
            }
        }

        return OpenSlowlyAsync(holdingSlot: true, cancellationToken);
    }

    /// <summary>Stops the zygote (cancelling a start in flight); streams still open go on until disposed.</summary>
    public void Dispose()
    {
        Task<PocketSphinxZygote>? zygote;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            zygote = _zygote;
        }

        _idleTimer?.Dispose();
        _disposing.Cancel();
        try
        {
            zygote?.GetAwaiter().GetResult().Dispose();
        }
        catch (Exception)
        {
            // A start that failed or was cancelled left nothing running.
        }

        Directory.Delete(_socketDirectory, recursive: true);
    }

    private async ValueTask<ISpeechRecognitionStream> OpenSlowlyAsync(bool holdingSlot, CancellationToken cancellationToken)
    {
        if (!holdingSlot)
        {
            await WaitForSlotAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var zygote = await CurrentZygoteAsync(cancellationToken).ConfigureAwait(false);
            Touch();
            try
            {
                return PocketSphinxForkedStream.Open(zygote, _slots, _options.ReplyTimeout);
            }
            catch (Exception ex) when (IsDead(zygote, ex))
            {
                // The zygote died since it was last used: start another and try once more.
                zygote = await ReplaceZygoteAsync(zygote, cancellationToken).ConfigureAwait(false);
                return PocketSphinxForkedStream.Open(zygote, _slots, _options.ReplyTimeout);
            }
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    private static bool IsDead(PocketSphinxZygote zygote, Exception ex) =>
        ex is SocketException or EndOfStreamException && zygote.HasExited;

    private async Task WaitForSlotAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        try
        {
            await _slots.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(GetType().FullName);
        }
    }

    // The zygote when it has started and still runs; null when one must be started or awaited.
    private PocketSphinxZygote? RunningZygote()
    {
        lock (_gate)
        {
            return _zygote is { IsCompletedSuccessfully: true } && !_zygote.Result.HasExited ? _zygote.Result : null;
        }
    }

    private Task<PocketSphinxZygote> CurrentZygoteAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // A start that failed is retried by the next open, so a passing fault does not leave the engine dead; a zygote
            // stopped for want of calls is started again by a stream opened without a call.
            if (_zygote is null || _zygote.IsFaulted || _zygote.IsCanceled || (_zygote.IsCompletedSuccessfully && _zygote.Result.HasExited))
            {
                _zygote = StartZygoteAsync(_zygote is { IsCompletedSuccessfully: true } ? _zygote.Result : null);
            }

            return _zygote.WaitAsync(cancellationToken);
        }
    }

    private Task<PocketSphinxZygote> ReplaceZygoteAsync(PocketSphinxZygote dead, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_zygote is null || (_zygote.IsCompletedSuccessfully && _zygote.Result == dead))
            {
                _zygote = StartZygoteAsync(_zygote is null ? null : dead);
            }

            return _zygote.WaitAsync(cancellationToken);
        }
    }

    // A stream opened: the zygote's idle time starts again from now.
    private void Touch()
    {
        lock (_gate)
        {
            _lastUsed = _time.GetTimestamp();
            if (_openCalls == 0)
            {
                _idleTimer?.Change(_options.HelperIdleTimeout, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void EndCall()
    {
        lock (_gate)
        {
            _openCalls--;
            _lastUsed = _time.GetTimestamp();
            if (_openCalls == 0 && !_disposed)
            {
                _idleTimer?.Change(_options.HelperIdleTimeout, Timeout.InfiniteTimeSpan);
            }
        }
    }

    // The idle timer's callback: stops the zygote (and its spares) when no call is open, no stream holds or waits for a
    // slot, and nothing used it for HelperIdleTimeout. Streams it forked go on; the next call or stream starts another.
    // The stop (the helper exits within milliseconds of its stdin closing) runs under the gate, so an open never meets a
    // zygote being stopped and Dispose never removes the socket folder under it.
    private void StopIfIdle()
    {
        lock (_gate)
        {
            if (_disposed || _openCalls > 0 || _zygote is null)
            {
                return;
            }

            var idleFor = _time.GetElapsedTime(_lastUsed);
            if (idleFor < _options.HelperIdleTimeout || !_zygote.IsCompleted || _slots.CurrentCount < _options.MaxDecoders)
            {
                // Used since the timer was set, still starting, or streams in hand: look again when a period has passed.
                var wait = _options.HelperIdleTimeout - idleFor;
                _idleTimer?.Change(wait > TimeSpan.Zero ? wait : _options.HelperIdleTimeout, Timeout.InfiniteTimeSpan);
                return;
            }

            var stopping = _zygote;
            _zygote = null;
            if (stopping.IsCompletedSuccessfully)
            {
                stopping.Result.Dispose();
            }
            else
            {
                _ = stopping.Exception; // A failed start is observed here; the next call starts another.
            }
        }
    }

    // Called under _gate (or from the constructor); the task is kept in _zygote, awaited by every open and by Dispose.
    private async Task<PocketSphinxZygote> StartZygoteAsync(PocketSphinxZygote? replacing)
    {
        replacing?.Dispose();
        var socket = Path.Combine(_socketDirectory, $"zygote-{++_generation}.sock");
        return await PocketSphinxZygote.StartAsync(_helper, _arguments, socket, Spares, _options.StartTimeout, _disposing.Token).ConfigureAwait(false);
    }

    // A call's hold on the zygote: while any is open, the zygote is not stopped for want of calls.
    private sealed class Call(PocketSphinxForkedRecognizer owner) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                owner.EndCall();
            }
        }
    }
}
