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

    // Held while a frame is acted on (never long: nothing waits on audio or the agent), so the ending never races a start.
    private readonly SemaphoreSlim _dispatch = new(1, 1);
    private LiveSession? _live;
    private SessionStarted? _started;
    private bool _startTold;
    private volatile bool _startReceived;
    private Task _preparing = Task.CompletedTask;

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

    /// <summary>Asks the session to end, as the server drains; the first reason given wins.</summary>
    public void Drain() => RequestEnd(EndReason.Draining);

    private void RequestEnd(EndReason reason) => _endRequested.TrySetResult(reason);

    private async Task<EndReason> WaitForEndAsync(Task receiving)
    {
        using var timers = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        var maxLength = Task.Delay(_services.Options.MaxSessionDuration, _services.Time, timers.Token);
        var startDue = Task.Delay(_services.Options.StartTimeout, _services.Time, timers.Token);
        var waiting = new List<Task> { receiving, _endRequested.Task, maxLength, startDue };
        while (!_endRequested.Task.IsCompleted)
        {
            var first = await Task.WhenAny(waiting).ConfigureAwait(false);
            waiting.Remove(first);
            if (first == maxLength)
            {
                RequestEnd(EndReason.SessionTimeout);
            }
            else if (first == startDue && !_startReceived)
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

            // A start being acted on (its lookups may take a moment) is no socket idling without one.
            _startReceived |= message is StartMessage;

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
            }
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
        LogEnding(_logger, Id, reason.ErrorCode ?? (reason.PeerGone ? "client gone" : "stop"), reason.CloseCode);
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

        await _lifetime.CancelAsync().ConfigureAwait(false);
        _dispatch.Release();
        await _outbox.FlushAndCompleteAsync().ConfigureAwait(false);
        await _connection.CloseAsync(reason.CloseCode, reason.ErrorCode ?? "ended").ConfigureAwait(false);
    }

    private void SendError(string code, string message) => _outbox.Post(new ErrorMessage(new ErrorPayload(message, code)));
}
