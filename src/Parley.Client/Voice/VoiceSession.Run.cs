using Parley.Client.Errors;
using Parley.Client.Voice.Events;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;

namespace Parley.Client.Voice;

/// <summary>The life of the session: one connection after another, reconnecting while the policy allows.</summary>
public sealed partial class VoiceSession
{
    private async Task RunAsync(ConnectionState first)
    {
        var receiving = ReceiveAsync(first);
        ConnectionOutcome outcome;
        GaveUpEvent? gaveUp = null;
        while (true)
        {
            outcome = await receiving.ConfigureAwait(false);
            SetLive(null);
            Collect(outcome.State);
            if (!ShouldReconnect(outcome))
            {
                break;
            }

            var next = await ReconnectAsync(outcome).ConfigureAwait(false);
            if (next.State is null)
            {
                gaveUp = next.GaveUp;
                break;
            }

            (_current, receiving) = (next.State, next.Receiving!);
        }

        Finish(outcome, gaveUp);
    }

    private bool ShouldReconnect(ConnectionOutcome outcome)
        => !_stopRequested
            && Started is not null
            && _options.Reconnect.MaxAttempts > 0
            && outcome.State.FatalError is null
            && outcome.CloseStatus is not (1000 or 1001 or 1008);

    private async Task<(ConnectionState? State, Task<ConnectionOutcome>? Receiving, GaveUpEvent? GaveUp)> ReconnectAsync(ConnectionOutcome dropped)
    {
        var token = _reconnecting.Token;
        var policy = _options.Reconnect;
        Exception? lastError = dropped.Failure;
        var reason = dropped.Reason;
        for (var attempt = 1; attempt <= policy.MaxAttempts; attempt++)
        {
            var delay = policy.DelayFor(attempt, Random.Shared.NextDouble());
            Emit(new ReconnectingEvent(attempt, delay, reason));
            ConnectionState? state = null;
            Task<ConnectionOutcome>? receiving = null;
            try
            {
                await Task.Delay(delay, _options.TimeProvider, token).ConfigureAwait(false);
                var target = await _connector.ResolveAsync(ResumePayload(), token).ConfigureAwait(false);
                state = new ConnectionState(await VoiceConnection.OpenAsync(target, _options, token).ConfigureAwait(false), resuming: true);
                receiving = ReceiveAsync(state);
                await state.Connection.SendAsync(new StartMessage(target.Start), token).ConfigureAwait(false);
                await state.Ready.Task.WaitAsync(_options.HandshakeTimeout, token).ConfigureAwait(false);
                var started = await state.Started.Task.ConfigureAwait(false);
                SetLive(state);
                Emit(new ReconnectedEvent(attempt, started));
                return (state, receiving, null);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                await AbandonAsync(state, receiving).ConfigureAwait(false);
                return (null, null, null);
            }
            catch (Exception ex)
            {
                lastError = ex;
                reason = ex.Message;
                await AbandonAsync(state, receiving).ConfigureAwait(false);
                if (IsPermanent(ex, state))
                {
                    var permanent = new GaveUpEvent(attempt, state?.FatalError ?? ex);
                    Emit(permanent);
                    return (null, null, permanent);
                }
            }
        }

        var gaveUp = new GaveUpEvent(policy.MaxAttempts, lastError);
        Emit(gaveUp);
        return (null, null, gaveUp);
    }

    private static bool IsPermanent(Exception error, ConnectionState? state)
        => state?.FatalError is not null
            || error is ParleyAuthenticationException or ParleyPermissionDeniedException or ParleyNotFoundException or ParleyBadRequestException
            || (error is VoiceSessionException voice && IsFatal(voice.Code));

    private static async Task AbandonAsync(ConnectionState? state, Task<ConnectionOutcome>? receiving)
    {
        if (state is null)
        {
            return;
        }

        state.Connection.Abort();
        if (receiving is not null)
        {
            await receiving.ConfigureAwait(false);
        }

        state.Connection.Dispose();
    }

    /// <summary>The start of a resumed session: the same parameters in the same conversation, without a greeting or the initial message again.</summary>
    private StartPayload ResumePayload()
    {
        var start = _start ?? _connectStart;
        return start with
        {
            ConversationId = start.Ephemeral == true ? start.ConversationId : Started!.ConversationId,
            InitialMessage = null,
            VoiceConfig = (start.VoiceConfig ?? new VoiceConfig()) with { SilentStart = true },
        };
    }

    /// <summary>Adds a finished connection's turns to the session's transcript: its <c>ended</c>, or the live lines when it dropped without one.</summary>
    private void Collect(ConnectionState state)
    {
        lock (_gate)
        {
            if (state.Ended is { } ended)
            {
                _transcript.AddRange(ended.Transcript);
                _credits += ended.CreditsConsumed;
            }
            else
            {
                _transcript.AddRange(state.LiveTranscript);
            }
        }
    }

    private void Finish(ConnectionOutcome outcome, GaveUpEvent? gaveUp)
    {
        _endError = EndError(outcome, gaveUp);
        EndedPayload ended;
        lock (_gate)
        {
            ended = new EndedPayload(_credits, [.. _transcript]);
        }

        if (Started is not null)
        {
            Emit(new EndedEvent(ended, _endError));
        }

        _final.TrySetResult(ended);
        _events.Writer.TryComplete();
        _lifetime.Cancel();
    }

    private VoiceSessionException? EndError(ConnectionOutcome outcome, GaveUpEvent? gaveUp)
    {
        if (gaveUp is not null)
        {
            return gaveUp.LastError as VoiceSessionException is { } voice && IsFatal(voice.Code)
                ? voice
                : new VoiceSessionException(VoiceSessionException.ReconnectFailed, $"Reconnecting gave up after {gaveUp.Attempts} tries: {gaveUp.LastError?.Message}", null, gaveUp.LastError);
        }

        if (outcome.State.FatalError is { } fatal)
        {
            return new VoiceSessionException(fatal.Code, fatal.Message, outcome.CloseStatus);
        }

        if (_stopRequested || outcome.CloseStatus is 1000 or 1001)
        {
            return null;
        }

        return new VoiceSessionException(VoiceSessionException.ConnectionClosed, $"The session ended: {outcome.Reason}.", outcome.CloseStatus, outcome.Failure);
    }
}
