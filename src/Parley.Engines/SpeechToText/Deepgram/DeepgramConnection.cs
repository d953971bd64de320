using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Parley.Engines.Audio;
using Parley.Engines.Speech;

namespace Parley.Engines.SpeechToText.Deepgram;

/// <summary>
/// One WebSocket to Deepgram's live API: a send loop that drains one queue (audio and control messages in the order
/// they were given, since <c>Finalize</c> must follow the audio it flushes) and sends <c>KeepAlive</c> whenever the queue
/// has been idle for <see cref="DeepgramRecognizerOptions.KeepAliveInterval"/>, and a receive loop that hands each
/// message to the utterance listening. The connection owns both loops and awaits them when disposed.
/// </summary>
internal sealed class DeepgramConnection : IAsyncDisposable
{
    // Results with every word's timing run to a few kilobytes; anything far larger is not this API.
    private const int MaxMessageBytes = 1024 * 1024;

    // How long a failed send waits for the receive loop to read the close frame that explains it (real time: a network wait).
    private static readonly TimeSpan CloseFrameGrace = TimeSpan.FromSeconds(1);

    private readonly string _engine;
    private readonly DeepgramRecognizerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ClientWebSocket _socket;
    private readonly Action<DeepgramConnection> _onFailed;
    private readonly Channel<DeepgramOutgoing> _outgoing = Channel.CreateUnbounded<DeepgramOutgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly long _maxQueuedBytes;
    private IDeepgramListener? _listener;
    private SpeechEngineException? _failure;
    private bool _closing;
    private long _queuedBytes;
    private long _samplesSent;
    private Task _sending = Task.CompletedTask;
    private Task _receiving = Task.CompletedTask;
    private Task? _disposal;

    private DeepgramConnection(DeepgramRecognizer engine, ClientWebSocket socket, Action<DeepgramConnection> onFailed)
    {
        _engine = engine.Name;
        _options = engine.Options;
        _timeProvider = engine.TimeProvider;
        _socket = socket;
        _onFailed = onFailed;
        _maxQueuedBytes = (long)(_options.MaxQueuedAudio.TotalSeconds * DeepgramRecognizer.SampleRate) * sizeof(short);
    }

    /// <summary>Whether it can carry an utterance: not failed, not closing.</summary>
    public bool IsAlive
    {
        get
        {
            lock (_gate)
            {
                return _failure is null && !_closing;
            }
        }
    }

    /// <summary>Seconds of audio queued on this connection so far: where the next audio starts in Deepgram's timestamps.</summary>
    public double Position => Interlocked.Read(ref _samplesSent) / (double)DeepgramRecognizer.SampleRate;

    /// <summary>Connects and starts the loops.</summary>
    /// <param name="engine">The engine (name, options, clock).</param>
    /// <param name="url">The <c>/listen</c> URL.</param>
    /// <param name="onFailed">Told once when the connection fails (called on one of its loops).</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    public static async Task<DeepgramConnection> OpenAsync(
        DeepgramRecognizer engine, Uri url, Action<DeepgramConnection> onFailed, CancellationToken cancellationToken = default)
    {
        var socket = await WebSocketConnector.ConnectAsync(
            engine.Name, url, [new("Authorization", $"Token {engine.Options.ApiKey}")], "dg-error", engine.Options.RequestTimeout, engine.TimeProvider, cancellationToken)
            .ConfigureAwait(false);
        var connection = new DeepgramConnection(engine, socket, onFailed);
        connection._sending = connection.SendLoopAsync();
        connection._receiving = connection.ReceiveLoopAsync();
        return connection;
    }

    /// <summary>Makes <paramref name="listener"/> the one told of messages and failure; tells it at once if the connection has failed.</summary>
    public void Attach(IDeepgramListener listener)
    {
        SpeechEngineException? failure;
        lock (_gate)
        {
            _listener = listener;
            failure = _failure;
        }

        if (failure is not null)
        {
            listener.OnFailed(failure);
        }
    }

    /// <summary>Stops telling <paramref name="listener"/>, if it is the one attached.</summary>
    public void Detach(IDeepgramListener listener)
    {
        lock (_gate)
        {
            if (_listener == listener)
            {
                _listener = null;
            }
        }
    }

    /// <summary>Queues audio; never waits.</summary>
    /// <exception cref="SpeechEngineException">The connection failed, or the queue passed its bound (which fails the connection).</exception>
    public void SendAudio(ReadOnlySpan<short> samples)
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                throw _failure;
            }
        }

        var bytes = Pcm16.ToBytes(samples);
        if (Interlocked.Add(ref _queuedBytes, bytes.Length) > _maxQueuedBytes)
        {
            var failure = SpeechEngineFailures.Dropped(
                _engine, $"more than {_options.MaxQueuedAudio.TotalSeconds:0.#} s of audio is waiting to be sent; the connection is not keeping up with speech");
            Fail(failure);
            throw failure;
        }

        Interlocked.Add(ref _samplesSent, samples.Length);
        _outgoing.Writer.TryWrite(new DeepgramOutgoing(bytes, null));
    }

    /// <summary>Queues a control message behind the audio before it (ignored once the connection has failed).</summary>
    public void SendControl(string message) => _outgoing.Writer.TryWrite(new DeepgramOutgoing(null, message));

    /// <summary>Closes with <c>CloseStream</c> when the connection is healthy (waiting at most <see cref="DeepgramRecognizerOptions.StallTimeout"/> for Deepgram to finish), else at once; awaits both loops.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposal ??= DisposeCoreAsync();
            return new ValueTask(_disposal);
        }
    }

    private async Task DisposeCoreAsync()
    {
        bool graceful;
        lock (_gate)
        {
            graceful = _failure is null && !_closing;
            _closing = true;
        }

        if (graceful)
        {
            _outgoing.Writer.TryWrite(new DeepgramOutgoing(null, DeepgramOutgoing.CloseStream));
            _outgoing.Writer.TryComplete();
            using var timer = new CancellationTokenSource(_options.StallTimeout, _timeProvider);
            try
            {
                // Deepgram sends its last results and Metadata, then closes; the receive loop ends with it.
                await _receiving.WaitAsync(timer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // It did not close in time; the socket is aborted below.
            }
        }

        _outgoing.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Abort();
        await Task.WhenAll(_sending, _receiving).ConfigureAwait(false);
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task SendLoopAsync()
    {
        var reader = _outgoing.Reader;
        var stop = _stop.Token;
        Task<bool>? waiting = null;
        try
        {
            while (true)
            {
                waiting ??= reader.WaitToReadAsync(stop).AsTask();
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(stop))
                {
                    var keepAlive = Task.Delay(_options.KeepAliveInterval, _timeProvider, idle.Token);
                    var first = await Task.WhenAny(waiting, keepAlive).ConfigureAwait(false);
                    await idle.CancelAsync().ConfigureAwait(false);
                    stop.ThrowIfCancellationRequested();
                    if (first == keepAlive)
                    {
                        await WebSocketMessages.SendTextAsync(_socket, DeepgramOutgoing.KeepAlive, stop).ConfigureAwait(false);
                        continue;
                    }
                }

                if (!await waiting.ConfigureAwait(false))
                {
                    return;
                }

                waiting = null;
                while (reader.TryRead(out var message))
                {
                    if (message.Audio is { } audio)
                    {
                        await _socket.SendAsync(audio, WebSocketMessageType.Binary, endOfMessage: true, stop).ConfigureAwait(false);
                        Interlocked.Add(ref _queuedBytes, -audio.Length);
                    }
                    else
                    {
                        await WebSocketMessages.SendTextAsync(_socket, message.Control!, stop).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A send fails when Deepgram has closed the connection; its close frame, which the receive loop reads, says
            // why (status, whether to try again), and the first failure reported is the one kept: let that loop speak first.
            try
            {
                await _receiving.WaitAsync(CloseFrameGrace, stop).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Nothing more came within the grace (or the connection is being disposed): the send's failure stands.
            }

            Fail(SpeechEngineFailures.Dropped(_engine, $"sending failed: {ex.Message}", ex));
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var stop = _stop.Token;
        string? reported = null;
        try
        {
            while (true)
            {
                var type = await WebSocketMessages.ReceiveAsync(_socket, buffer, MaxMessageBytes, stop).ConfigureAwait(false);
                if (type == WebSocketMessageType.Close)
                {
                    await OnClosedAsync(reported, stop).ConfigureAwait(false);
                    return;
                }

                if (type != WebSocketMessageType.Text)
                {
                    continue;
                }

                var message = DeepgramMessage.Parse(buffer.WrittenMemory);
                if (message.Kind == DeepgramMessageKind.Error)
                {
                    // Deepgram explains, then closes; the close decides whether another try may help.
                    reported = message.Description;
                    continue;
                }

                IDeepgramListener? listener;
                lock (_gate)
                {
                    listener = _listener;
                }

                listener?.OnMessage(message);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            Fail(SpeechEngineFailures.Malformed(_engine, ex.Message, ex));
        }
        catch (Exception ex)
        {
            Fail(SpeechEngineFailures.Dropped(_engine, $"the connection dropped: {ex.Message}", ex));
        }
    }

    private async Task OnClosedAsync(string? reported, CancellationToken stop)
    {
        bool closing;
        lock (_gate)
        {
            closing = _closing;
        }

        if (!closing)
        {
            var closed = SpeechEngineFailures.Closed(_engine, _socket.CloseStatus, _socket.CloseStatusDescription);
            Fail(reported is null ? closed : SpeechEngineFailures.Reported(_engine, $"{reported} ({closed.Message})", closed.StatusCode, closed.Retryable));
            return;
        }

        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Closing anyway; the socket is aborted when disposed.
        }
    }

    private void Fail(SpeechEngineException failure)
    {
        IDeepgramListener? listener;
        lock (_gate)
        {
            if (_failure is not null || _closing)
            {
                return;
            }

            _failure = failure;
            listener = _listener;
        }

        _outgoing.Writer.TryComplete();
        _socket.Abort();
        listener?.OnFailed(failure);
        _onFailed(this);
    }
}
