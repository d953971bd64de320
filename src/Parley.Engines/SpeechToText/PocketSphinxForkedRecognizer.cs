using System.Net.Sockets;

namespace Parley.Engines.SpeechToText;

/// <summary>PocketSphinx in helper processes: a zygote holds one built decoder and forks a copy for every stream.</summary>
/// <remarks>
/// The zygote keeps <see cref="PocketSphinxOptions.MinDecoders"/> (at least one) copies forked ahead, so a stream
/// opens at once. A zygote that dies (killed, crashed) is replaced on the next open; streams it had forked go on
/// meanwhile. At most <see cref="PocketSphinxOptions.MaxDecoders"/> streams decode at once; further opens wait in
/// order. The recogniser owns the zygote's start: disposing cancels one in flight and waits for it.
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
    private Task<PocketSphinxZygote> _zygote;
    private int _generation;
    private bool _disposed;

    /// <summary>Starts the zygote and waits until its decoder is built, so a bad configuration fails here.</summary>
    public PocketSphinxForkedRecognizer(PocketSphinxOptions options, IReadOnlyList<string> arguments)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PocketSphinxHelperUnavailableException("PocketSphinx's forked mode runs on Linux only; set Parley:Engines:PocketSphinx:Mode to InProcess.");
        }

        _options = options;
        _arguments = arguments;
        _helper = PocketSphinxSetupFiles.FindHelper(options);
        _slots = new SemaphoreSlim(options.MaxDecoders, options.MaxDecoders);

        // Only this user may connect: a socket in a folder no one else can enter.
        _socketDirectory = Path.Combine(Path.GetTempPath(), $"parley-pocketsphinx-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        Directory.CreateDirectory(_socketDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _zygote = StartZygoteAsync(replacing: null);
        try
        {
            _zygote.GetAwaiter().GetResult();
        }
        catch
        {
            Directory.Delete(_socketDirectory, recursive: true);
            throw;
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

    /// <summary>The current zygote's process id (0 while one starts), for tests.</summary>
    internal int ZygoteProcessId
    {
        get
        {
            lock (_gate)
            {
                return _zygote.IsCompletedSuccessfully ? _zygote.Result.ProcessId : 0;
            }
        }
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
        Task<PocketSphinxZygote> zygote;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            zygote = _zygote;
        }

        _disposing.Cancel();
        try
        {
            zygote.GetAwaiter().GetResult().Dispose();
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
            return _zygote.IsCompletedSuccessfully && !_zygote.Result.HasExited ? _zygote.Result : null;
        }
    }

    private Task<PocketSphinxZygote> CurrentZygoteAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // A start that failed is retried by the next open, so a passing fault does not leave the engine dead.
            if (_zygote.IsFaulted || _zygote.IsCanceled || (_zygote.IsCompletedSuccessfully && _zygote.Result.HasExited))
            {
                _zygote = StartZygoteAsync(_zygote.IsCompletedSuccessfully ? _zygote.Result : null);
            }

            return _zygote.WaitAsync(cancellationToken);
        }
    }

    private Task<PocketSphinxZygote> ReplaceZygoteAsync(PocketSphinxZygote dead, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_zygote.IsCompletedSuccessfully && _zygote.Result == dead)
            {
                _zygote = StartZygoteAsync(dead);
            }

            return _zygote.WaitAsync(cancellationToken);
        }
    }

    // Called under _gate (or from the constructor); the task is kept in _zygote, awaited by every open and by Dispose.
    private async Task<PocketSphinxZygote> StartZygoteAsync(PocketSphinxZygote? replacing)
    {
        replacing?.Dispose();
        var socket = Path.Combine(_socketDirectory, $"zygote-{++_generation}.sock");
        return await PocketSphinxZygote.StartAsync(_helper, _arguments, socket, Spares, _options.StartTimeout, _disposing.Token).ConfigureAwait(false);
    }
}
