using Microsoft.Extensions.Logging;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;
using Parley.Sessions.Lifecycle;
using Parley.Sessions.Outbound;
using Parley.Sessions.Transport;

namespace Parley.Sessions;

/// <summary>One voice session over one socket, from <c>start</c> to <c>ended</c> (PROTOCOL.md sections 2, 3 and 5).</summary>
/// <remarks>
/// <para>
/// Owns every task it starts: a receive loop, the outbox's send loop, the agent's preparation and the live session's
/// listener and turns, all awaited before <see cref="RunAsync"/> returns. Anything that ends the session (stop, a closed
/// socket, a timeout, a failure, the server draining) goes through <see cref="RequestEnd"/>, so the ending is one path.
/// </para>
/// <para>
/// The receive loop never waits on audio or on the agent: audio is queued for the listener, turns and interrupts are
/// posted to the turn owner, so an <c>interrupt</c> or a <c>stop</c> is read and acted on however much audio came first.
/// </para>
/// </remarks>
public sealed partial class VoiceSession
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    private readonly VoiceSessionServices _services;
    private readonly IVoiceConnection _connection;
    private readonly CallerIdentity _caller;
    private readonly ILogger _logger;
    private readonly Outbox _outbox;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly CancellationTokenSource _preparation = new();
    private readonly TaskCompletionSource<EndReason> _endRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<TimeSpan> _drainRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Held while a frame is acted on (never long: nothing waits on audio or the agent), so the ending never races a start.
    private readonly SemaphoreSlim _dispatch = new(1, 1);
    private LiveSession? _live;
    private SessionStarted? _started;
    private bool _startTold;
    private readonly Lock _startGate = new();
    private bool _startInFlight;
    private bool _startOverdue;
    private Task _preparing = Task.CompletedTask;

    // The conversation this session holds (one live session per conversation); let go once its end is stored.
    private IAsyncDisposable? _conversationHold;

    public VoiceSession(VoiceSessionServices services, IVoiceConnection connection, CallerIdentity caller)
    {
        _services = services;
        _connection = connection;
        _caller = caller;
        _logger = services.LoggerFactory.CreateLogger<VoiceSession>();
        _outbox = new Outbox(connection, services.Options.MaxOutboundBytes);
    }

    /// <summary>This session's id, sent in <c>started</c>.</summary>
    public string Id { get; } = Storage.Ids.New();

    /// <summary>Where the listener posts what it heard, once started (a test plays a listener's judgements through it, in an order it chooses).</summary>
    internal Listening.IListenerSink? ListenerSink => Volatile.Read(ref _live);

    /// <summary>Runs the session to its end; never throws for anything the client does.</summary>
    public async Task RunAsync()
    {
        var receiving = ReceiveLoopAsync();
        var reason = await WaitForEndAsync(receiving).ConfigureAwait(false);
        await EndAsync(reason).ConfigureAwait(false);

        // After our close frame the client answers with its own, which ends the receive loop.
        if (await Task.WhenAny(receiving, Task.Delay(CloseHandshakeTimeout, _services.Time)).ConfigureAwait(false) != receiving)
        {
            _connection.Abort();
        }

        await receiving.ConfigureAwait(false);
    }

    /// <summary>Ends the session at once as the server drains (<c>ended</c>, close 1012); the first reason given wins.</summary>
    public void Drain() => RequestEnd(EndReason.Draining);

    /// <summary>Ends the session as the server drains, once the reply being spoken is over and the user is not mid-turn, or after <paramref name="grace"/> at the latest.</summary>
    /// <remarks>The client then reconnects elsewhere and goes on with the same conversation: a reply cut at the drain would be lost to the user.</remarks>
    public void Drain(TimeSpan grace)
    {
        if (grace <= TimeSpan.Zero)
        {
            Drain();
            return;
        }

        _drainRequested.TrySetResult(grace);
    }

    private void RequestEnd(EndReason reason) => _endRequested.TrySetResult(reason);

    private async Task<EndReason> WaitForEndAsync(Task receiving)
    {
        using var timers = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        var maxLength = Task.Delay(_services.Options.MaxSessionDuration, _services.Time, timers.Token);
        var startDue = Task.Delay(_services.Options.StartTimeout, _services.Time, timers.Token);
        var waiting = new List<Task> { receiving, _endRequested.Task, maxLength, startDue, _drainRequested.Task };
        Task? graceOver = null;
        while (!_endRequested.Task.IsCompleted)
        {
            var first = await Task.WhenAny(waiting).ConfigureAwait(false);
            waiting.Remove(first);
            if (first == _drainRequested.Task && Volatile.Read(ref _live) is { } live)
            {
                live.DrainAfterReply();
                graceOver = Task.Delay(_drainRequested.Task.Result, _services.Time, timers.Token);
                waiting.Add(graceOver);
            }
            else if (first == _drainRequested.Task || first == graceOver)
            {
                RequestEnd(EndReason.Draining);
            }
            else if (first == maxLength)
            {
                RequestEnd(EndReason.SessionTimeout);
            }
            else if (first == startDue && IsStartOverdue())
            {
                RequestEnd(EndReason.NoStart(_services.Options.StartTimeout));
            }
            else if (first == receiving)
            {
                RequestEnd(receiving.IsFaulted ? EndReason.InternalError : _outbox.Overflowed ? EndReason.SlowPeer : EndReason.ClientGone);
            }
        }

        await timers.CancelAsync().ConfigureAwait(false); // The delays still waiting end as they are cancelled.
        return await _endRequested.Task.ConfigureAwait(false);
    }

    private async Task ReceiveLoopAsync()
    {
        while (true)
        {
            ReadOnlyMemory<byte>? frame;
            try
            {
                frame = await _connection.ReceiveAsync().ConfigureAwait(false);
            }
            catch (FrameTooLargeException ex)
            {
                SendError(ErrorCodes.AudioTooLarge, $"{ex.Message} The frame was dropped.");
                continue;
            }

            if (frame is null)
            {
                return;
            }

            VoiceMessage message;
            try
            {
                message = VoiceMessageCodec.Deserialize(frame.Value);
            }
            catch (VoiceProtocolException ex)
            {
                SendError(ex.Code, ex.Message);
                continue;
            }

            var starting = message is StartMessage && BeginStart();
            await _dispatch.WaitAsync().ConfigureAwait(false);
            try
            {
                if (!_endRequested.Task.IsCompleted)
                {
                    await HandleAsync(message).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                LogSessionFailed(_logger, ex, Id);
                RequestEnd(EndReason.InternalError);
            }
            finally
            {
                _dispatch.Release();
                if (starting)
                {
                    EndStart();
                }
            }
        }
    }

    // A start being acted on (its lookups may take a moment under load) is no socket idling without one, so the start
    // timeout waits for its outcome; a start that was refused leaves the socket as it was, under the timeout (the
    // socket fuzz found one refused start holding a slot until the 30-minute session limit).
    private bool BeginStart()
    {
        lock (_startGate)
        {
            _startInFlight = Volatile.Read(ref _live) is null;
            return _startInFlight;
        }
    }

    private void EndStart()
    {
        lock (_startGate)
        {
            _startInFlight = false;
            if (_startOverdue && Volatile.Read(ref _live) is null)
            {
                RequestEnd(EndReason.NoStart(_services.Options.StartTimeout));
            }
        }
    }

    /// <summary>True when the start timeout ends the socket now; false when it started, or a start is being acted on (then its end decides).</summary>
    private bool IsStartOverdue()
    {
        lock (_startGate)
        {
            if (Volatile.Read(ref _live) is not null)
            {
                return false;
            }

            _startOverdue = true;
            return !_startInFlight;
        }
    }

    private async Task HandleAsync(VoiceMessage message)
    {
        if (_live is null)
        {
            if (message is StartMessage start)
            {
                var live = await StartAsync(start.Payload).ConfigureAwait(false);
                if (live is not null)
                {
                    // Once started, whatever fails ends the session with `ended`, since _live is set.
                    Volatile.Write(ref _live, live);
                    live.StartListening();
                    _preparing = PrepareAsync(live);
                }
            }
            else
            {
                SendError(ErrorCodes.SessionNotStarted, $"Send \"start\" first; \"{message.Type}\" was ignored.");
            }

            return;
        }

        switch (message)
        {
            case AudioMessage audio:
                _live.AcceptAudio(audio.Payload);
                break;
            case TextMessage text when string.IsNullOrWhiteSpace(text.Payload.Text):
                SendError(ErrorCodes.InvalidMessage, "\"text\" needs a non-empty \"text\".");
                break;
            case TextMessage text:
                _live.AcceptText(text.Payload.Text!.Trim());
                break;
            case InterruptMessage:
                _live.Interrupt();
                break;
            case StopMessage:
                RequestEnd(EndReason.Stop);
                break;
            case StartMessage:
                SendError(ErrorCodes.AlreadyStarted, "The session has already started.");
                break;
            default:
                SendError(ErrorCodes.InvalidMessage, $"\"{message.Type}\" is not a message a client may send.");
                break;
        }
    }

    /// <summary>Builds the agent while the listener already hears the user, then sends <c>ready</c> and hands the turns over.</summary>
    private async Task PrepareAsync(LiveSession live)
    {
        try
        {
            await live.PrepareAsync(_preparation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_preparation.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            LogSessionFailed(_logger, ex, Id);
            RequestEnd(EndReason.InternalError);
            return;
        }

        if (!_preparation.IsCancellationRequested)
        {
            _outbox.Post(ReadyMessage.Instance);
            live.Begin();
            if (_started is { } started)
            {
                // Once the turns run: telling observers (who store a webhook delivery) holds up no one.
                _startTold = true;
                await NotifyAsync((o, token) => o.OnStartedAsync(started, token)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Tells each observer, one by one; a failing observer is logged and the session goes on.</summary>
    private async Task NotifyAsync(Func<ISessionObserver, CancellationToken, Task> notify)
    {
        foreach (var observer in _services.Observers ?? [])
        {
            try
            {
                await notify(observer, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogObserverFailed(_logger, ex, Id);
            }
        }
    }

    private async Task EndAsync(EndReason reason)
    {
        LogEnding(_logger, Id, reason.ErrorCode ?? (reason.PeerGone ? "client gone" : reason == EndReason.Draining ? "draining" : "stop"), reason.CloseCode);
        if (reason.ErrorCode is not null)
        {
            SendError(reason.ErrorCode, reason.ErrorMessage ?? reason.ErrorCode);
        }

        // Ending: frames still arriving are read until the client closes, but nothing more is acted on.
        await _preparation.CancelAsync().ConfigureAwait(false);
        await _dispatch.WaitAsync().ConfigureAwait(false);
        await _preparing.ConfigureAwait(false);
        LiveSessionEnd? end = null;
        if (_live is not null)
        {
            try
            {
                end = await _live.EndAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogSessionFailed(_logger, ex, Id);
            }

            // Let go of the conversation before `ended`: a client that reconnects on another node at once finds it free,
            // with every line of this session stored.
            await ReleaseConversationAsync().ConfigureAwait(false);

            // The last frame: nothing the receive loop still has to say reaches the client after it.
            _outbox.PostLast(new EndedMessage(end?.Ended ?? new EndedPayload(0, [])));
        }

        if (_started is { } started && end is not null)
        {
            // A session that ended before it was ready started all the same: its observers hear both, in order.
            if (!_startTold)
            {
                await NotifyAsync((o, token) => o.OnStartedAsync(started, token)).ConfigureAwait(false);
            }

            var ended = new SessionEnded(
                started, _services.Time.GetUtcNow(), end.DurationMs, reason.Name, end.Timeline, end.TimelineTotal, end.Turns,
                end.Recording.Call, end.Recording.Clips);
            await NotifyAsync((o, token) => o.OnEndedAsync(ended, token)).ConfigureAwait(false);
        }

        await ReleaseConversationAsync().ConfigureAwait(false); // a start that failed after taking it

        await _lifetime.CancelAsync().ConfigureAwait(false);
        _dispatch.Release();
        await _outbox.FlushAndCompleteAsync().ConfigureAwait(false);
        await _connection.CloseAsync(reason.CloseCode, reason.ErrorCode ?? "ended").ConfigureAwait(false);
    }

    private void SendError(string code, string message) => _outbox.Post(new ErrorMessage(new ErrorPayload(message, code)));

    private async Task ReleaseConversationAsync()
    {
        if (Interlocked.Exchange(ref _conversationHold, null) is not { } hold)
        {
            return;
        }

        try
        {
            await hold.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Redis away: the hold is a lease, and lapses by itself.
            LogReleaseFailed(_logger, ex, Id);
        }
    }
}
