using System.Threading.Channels;
using Parley.Client.Voice.Events;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;

namespace Parley.Client.Voice;

/// <summary>
/// A live voice session on <c>/ws/voice</c>: the C# counterpart of the Swift <c>VoiceSession</c> of the Datagrid iOS
/// guide. Connect, <see cref="StartAsync"/>, stream microphone audio, send text, interrupt, and <see cref="StopAsync"/>;
/// read what happens from <see cref="ReadEventsAsync"/>.
/// </summary>
/// <remarks>
/// <para>
/// Events are an <see cref="IAsyncEnumerable{T}"/> rather than C# events: they arrive in wire order on the reader's own
/// context and pace, a slow or throwing consumer can never stall or break the receive loop, cancellation is the usual
/// token, and the end of the enumeration is the end of the session. Read them from one consumer; they are buffered
/// until read.
/// </para>
/// <para>
/// Every method is safe to call from any thread: frames go out through one send loop, and <c>interrupt</c>, <c>text</c>
/// and <c>stop</c> never wait behind queued audio.
/// </para>
/// <para>
/// When the connection drops unexpectedly after <c>started</c> (a lost network, a server restart: close 1011, 1012 or
/// none), the session reconnects by <see cref="VoiceSessionOptions.Reconnect"/>, with exponential backoff and jitter,
/// and resumes the same conversation (its <c>start</c> names the <c>conversation_id</c> of <c>started</c>, without the
/// greeting). It does not reconnect after <see cref="StopAsync"/>, after a normal close (1000, 1001), or on auth and
/// policy errors (close 1008, <c>unauthorized</c>, <c>agent_not_found</c>). A reconnection refused with
/// <c>conversation_busy</c> (the node that died still holds the conversation until its lease lapses) or by a draining
/// node (HTTP 503) is tried again by the same policy. Audio sent while reconnecting is dropped;
/// text is held and sent once reconnected. <see cref="ReconnectingEvent"/>, <see cref="ReconnectedEvent"/> and
/// <see cref="GaveUpEvent"/> report it.
/// </para>
/// </remarks>
public sealed partial class VoiceSession : IAsyncDisposable
{
    private readonly VoiceConnector _connector;
    private readonly VoiceSessionOptions _options;
    private readonly StartPayload _connectStart;
    private readonly Channel<VoiceEvent> _events = Channel.CreateUnbounded<VoiceEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _lifetime = new();
    private readonly CancellationTokenSource _reconnecting;
    private readonly TaskCompletionSource<EndedPayload> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly List<TranscriptPayload> _transcript = [];
    private readonly Task _running;
    private readonly Task _sending;
    private ConnectionState _current;
    private StartPayload? _start;
    private StartedPayload? _started;
    private VoiceSessionException? _endError;
    private double _credits;
    private volatile bool _stopRequested;
    private int _disposed;

    private VoiceSession(VoiceConnector connector, VoiceSessionOptions options, StartPayload connectStart, VoiceConnection connection)
    {
        _connector = connector;
        _options = options;
        _connectStart = connectStart;
        _reconnecting = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        _current = new ConnectionState(connection, resuming: false);
        _audio = Channel.CreateBounded<OutgoingFrame>(new BoundedChannelOptions(Math.Max(1, options.AudioQueueCapacity)) { SingleReader = true });
        _running = RunAsync(_current);
        _sending = SendLoopAsync();
    }

    /// <summary>The latest <c>started</c>: the session, conversation and message ids (the session and message change on reconnection).</summary>
    public StartedPayload? Started
    {
        get
        {
            lock (_gate)
            {
                return _started;
            }
        }
    }

    /// <summary>The conversation this session belongs to, once started.</summary>
    public string? ConversationId => Started?.ConversationId;

    /// <summary>Whether frames can go out now: started, and not reconnecting.</summary>
    public bool IsConnected => LiveState is not null;

    /// <summary>Whether the session is over.</summary>
    public bool IsEnded => _final.Task.IsCompleted;

    /// <summary>Connects with an API key (sent as <c>Authorization: Bearer</c>) or a handoff URL that carries its token.</summary>
    /// <param name="url">The socket, e.g. <c>ws://localhost:8080/ws/voice</c>; a server address such as <c>http://localhost:8080</c> is accepted.</param>
    /// <param name="token">An API key; null when <paramref name="url"/> holds a <c>?token=</c>. A handoff token cannot be reused, so sessions on one do not reconnect.</param>
    /// <param name="options">Reconnection and timeouts.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    public static Task<VoiceSession> ConnectAsync(Uri url, string? token = null, VoiceSessionOptions? options = null, CancellationToken cancellationToken = default)
        => ConnectAsync(new DirectVoiceConnector(DirectVoiceConnector.SocketUrl(url), token), new StartPayload(), options, cancellationToken);

    internal static async Task<VoiceSession> ConnectAsync(VoiceConnector connector, StartPayload start, VoiceSessionOptions? options, CancellationToken cancellationToken)
    {
        options ??= new VoiceSessionOptions();
        var target = await connector.ResolveAsync(start, cancellationToken).ConfigureAwait(false);
        var connection = await VoiceConnection.OpenAsync(target, options, cancellationToken).ConfigureAwait(false);
        return new VoiceSession(connector, options, target.Start, connection);
    }

    /// <summary>Sends <c>start</c> and waits for <c>started</c> and <c>ready</c>.</summary>
    /// <param name="start">The session's parameters; null for those given when connecting (for a session from <c>POST /v1/voice</c>, the ones its token is bound to).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The session, conversation and message ids.</returns>
    /// <exception cref="VoiceSessionException">The server refused the start (<see cref="VoiceSessionException.Code"/> tells why) or closed.</exception>
    public async Task<StartedPayload> StartAsync(StartPayload? start = null, CancellationToken cancellationToken = default)
    {
        ThrowIfEnded();
        if (Started is not null)
        {
            throw new InvalidOperationException("The session has already started.");
        }

        var state = _current;
        state.RenewHandshake();
        var payload = start ?? _connectStart;
        _start = payload;
        try
        {
            await state.Connection.SendAsync(new StartMessage(payload), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or ObjectDisposedException)
        {
            throw await ClosedErrorAsync(ex).ConfigureAwait(false);
        }

        var started = await state.Started.Task.WaitAsync(_options.HandshakeTimeout, cancellationToken).ConfigureAwait(false);
        SetLive(state);
        await state.Ready.Task.WaitAsync(_options.HandshakeTimeout, cancellationToken).ConfigureAwait(false);
        return started;
    }

    /// <summary>The events of the session, in order, until it is over (the last one is <see cref="EndedEvent"/> once it started).</summary>
    public IAsyncEnumerable<VoiceEvent> ReadEventsAsync(CancellationToken cancellationToken = default)
        => _events.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Ends the session: sends <c>stop</c> and waits for <c>ended</c> (or stops reconnecting).</summary>
    /// <returns>The transcript of the whole session (every connection's turns) and the credits consumed.</returns>
    public async Task<EndedPayload> StopAsync(CancellationToken cancellationToken = default)
    {
        _stopRequested = true;
        await _reconnecting.CancelAsync().ConfigureAwait(false);
        if (!_final.Task.IsCompleted)
        {
            var live = LiveState;
            try
            {
                if (live is not null)
                {
                    await EnqueueControlAsync(StopMessage.Instance, OutgoingKind.Stop, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _current.Connection.CloseAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is VoiceSessionException or System.Net.WebSockets.WebSocketException or ObjectDisposedException)
            {
                // Already dropping: the run loop finishes the session without reconnecting.
            }
        }

        try
        {
            return await _final.Task.WaitAsync(_options.StopTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _current.Connection.Abort();
            return await _final.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Drops the connection at once and releases everything; call <see cref="StopAsync"/> first for a graceful end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopRequested = true;
        await _reconnecting.CancelAsync().ConfigureAwait(false);
        _current.Connection.Abort();
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        await _sending.ConfigureAwait(false);
        _current.Connection.Dispose();
        _reconnecting.Dispose();
        _lifetime.Dispose();
        _queued.Dispose();
    }

    private void Emit(VoiceEvent voiceEvent) => _events.Writer.TryWrite(voiceEvent);

    private void ThrowIfEnded()
    {
        if (_final.Task.IsCompleted)
        {
            throw _endError ?? new VoiceSessionException(VoiceSessionException.ConnectionClosed, "The voice session has ended.");
        }
    }

    private async Task<VoiceSessionException> ClosedErrorAsync(Exception cause)
    {
        // The receive loop knows why the socket closed (an error frame, a close status); give it a moment to say.
        await Task.WhenAny(_final.Task, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        return _current.FatalError ?? _endError ?? new VoiceSessionException(VoiceSessionException.ConnectionClosed, $"The connection closed: {cause.Message}", null, cause);
    }

    private static bool IsFatal(string code) => code is ErrorCodes.Unauthorized or ErrorCodes.AgentNotFound or ErrorCodes.ConversationNotFound or ErrorCodes.TooManySessions;
}
