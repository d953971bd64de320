using System.Net.WebSockets;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;

namespace Parley.Bench.Soak;

/// <summary>
/// One brief, complete session: start, a spoken question sent at once (as a client may, within the burst allowance),
/// the answer's first audio and text, then <c>stop</c> and <c>ended</c>. The stop cuts the answer short, so each
/// session also takes the path of a reply cancelled mid-speech.
/// </summary>
internal static class ShortSession
{
    private const int ChunkSamples = 4096;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Runs the session; returns null when it went as it should, else what went wrong.</summary>
    public static async Task<string?> RunAsync(Uri voiceUri, SpeechClip question, CancellationToken cancellationToken = default)
    {
        using var socket = new ClientWebSocket();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? error = null;
        var (heard, audio, text) = (false, false, false);
        Task receiving = Task.CompletedTask;
        try
        {
            await socket.ConnectAsync(voiceUri, cancellationToken);
            receiving = ReceiveAsync(socket, message =>
            {
                switch (message)
                {
                    case ReadyMessage: ready.TrySetResult(); break;
                    case TranscriptMessage t when t.Payload.Role == Roles.User: heard = true; break;
                    case TranscriptMessage t when t.Payload.Role == Roles.Agent: text = true; break;
                    case AudioMessage: audio = true; break;
                    case ErrorMessage e: error ??= $"{e.Payload.Code}: {e.Payload.Message}"; break;
                    case EndedMessage: ended.TrySetResult(); break;
                    default: break;
                }

                if (heard && audio && text)
                {
                    answered.TrySetResult();
                }
            });

            await SendAsync(socket, new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }), cancellationToken);
            await ready.Task.WaitAsync(StepTimeout, cancellationToken);
            // The question and a second of silence after it, at once: the endpoint is heard in the audio, not waited for.
            var samples = question.Samples.Concat(new short[SpeechClip.SampleRate]).ToArray();
            for (var offset = 0; offset < samples.Length; offset += ChunkSamples)
            {
                var bytes = new byte[Math.Min(ChunkSamples, samples.Length - offset) * 2];
                Buffer.BlockCopy(samples, offset * 2, bytes, 0, bytes.Length);
                var payload = new AudioPayload { Data = Convert.ToBase64String(bytes), MimeType = AudioFormats.InputMimeType };
                await SendAsync(socket, new AudioMessage(payload), cancellationToken);
            }

            await answered.Task.WaitAsync(StepTimeout, cancellationToken);
            await SendAsync(socket, StopMessage.Instance, cancellationToken);
            await ended.Task.WaitAsync(StepTimeout, cancellationToken);
            await receiving.WaitAsync(StepTimeout, cancellationToken);
            return error;
        }
        catch (Exception ex) when (ex is WebSocketException or TimeoutException)
        {
            var missing = !ready.Task.IsCompleted ? "ready" : !answered.Task.IsCompleted ? $"the answer (heard {heard}, audio {audio}, text {text})" : "ended";
            return error ?? $"{ex.GetType().Name} waiting for {missing}: {ex.Message}";
        }
        finally
        {
            // The receive loop is awaited whatever happened, so no read outlives its session.
            socket.Abort();
            await receiving;
        }
    }

    private static Task SendAsync(ClientWebSocket socket, VoiceMessage message, CancellationToken cancellationToken)
        => socket.SendAsync(VoiceMessageCodec.Serialize(message), WebSocketMessageType.Text, true, cancellationToken);

    /// <summary>Reads frames until the server closes; answers the close so the socket ends cleanly on both sides.</summary>
    private static async Task ReceiveAsync(ClientWebSocket socket, Action<VoiceMessage> handle)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }

                length += result.Count;
                if (result.EndOfMessage)
                {
                    handle(VoiceMessageCodec.Deserialize(buffer.AsMemory(0, length)));
                    length = 0;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Dropped or aborted: the caller sees the missing ended.
        }
    }
}
