using System.Net.WebSockets;
using Parley.Client.Voice.Events;
using Parley.Protocol.Messages;

namespace Parley.Client.Voice;

/// <summary>The receive side: one loop per connection turns frames into events and handshake results.</summary>
public sealed partial class VoiceSession
{
    private async Task<ConnectionOutcome> ReceiveAsync(ConnectionState state)
    {
        Exception? failure = null;
        try
        {
            while (await state.Connection.ReceiveAsync(_lifetime.Token).ConfigureAwait(false) is { } message)
            {
                Dispatch(state, message);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            failure = ex;
        }
        finally
        {
            state.Closed = true;
            var closed = state.FatalError ?? new VoiceSessionException(
                VoiceSessionException.ConnectionClosed,
                failure is null ? $"The server closed the connection ({state.Connection.CloseStatus} {state.Connection.CloseDescription})." : $"The connection was lost: {failure.Message}",
                state.Connection.CloseStatus,
                failure);
            state.FailHandshake(closed);
        }

        return new ConnectionOutcome(state, state.Connection.CloseStatus, state.Connection.CloseDescription, failure);
    }

    private void Dispatch(ConnectionState state, VoiceMessage message)
    {
        switch (message)
        {
            case StartedMessage started:
                lock (_gate)
                {
                    _started = started.Payload;
                }

                state.Started.TrySetResult(started.Payload);
                if (!state.Resuming)
                {
                    Emit(new StartedEvent(started.Payload));
                }

                break;
            case ReadyMessage:
                state.Ready.TrySetResult();
                if (!state.Resuming)
                {
                    Emit(ReadyEvent.Instance);
                }

                break;
            case AudioMessage audio when TryDecode(audio.Payload.Data) is { } pcm:
                Emit(new AudioEvent(pcm));
                break;
            case TranscriptMessage transcript:
                state.AddLine(transcript.Payload);
                Emit(new TranscriptEvent(transcript.Payload.Role, transcript.Payload.Text));
                break;
            case ToolCallMessage toolCall:
                Emit(new ToolCallEvent(toolCall.Payload.ToolName, toolCall.Payload.Status));
                break;
            case CitationMessage citation:
                Emit(new CitationEvent(citation.Payload));
                break;
            case InterruptedMessage:
                Emit(InterruptedEvent.Instance);
                break;
            case ErrorMessage error:
                OnError(state, error);
                break;
            case EndedMessage ended:
                state.Ended = ended.Payload;
                break;
            default:
                break;
        }
    }

    private void OnError(ConnectionState state, ErrorMessage error)
    {
        var (code, text) = (error.Payload.Code, error.Payload.Message);
        Emit(new ErrorEvent(code, text));
        var exception = new VoiceSessionException(code, text);
        if (IsFatal(code))
        {
            state.FatalError = exception;
        }

        // Before started, an error answers the start: a refused one (the socket may stay open for a corrected start).
        if (!state.Started.Task.IsCompleted)
        {
            state.FailHandshake(exception);
        }
    }

    private static byte[]? TryDecode(string? base64)
    {
        if (base64 is null)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
