using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;

namespace Parley.Client.Tests.Infrastructure;

/// <summary>One socket of <see cref="FakeVoiceServer"/>: read frames, send frames, drop or close it.</summary>
public sealed class FakeConnection(HttpContext context, WebSocket socket, int number, Action<StartPayload> onStart)
{
    /// <summary>1 for the first connection, 2 for the next, ...</summary>
    public int Number => number;

    public async Task<VoiceMessage?> ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        using var frame = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            frame.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                var message = VoiceMessageCodec.Deserialize(frame.ToArray());
                if (message is StartMessage start)
                {
                    onStart(start.Payload);
                }

                return message;
            }
        }
    }

    public Task SendAsync(VoiceMessage message)
        => socket.SendAsync(VoiceMessageCodec.Serialize(message), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Waits for start, answers started (in <paramref name="conversationId"/>) and ready.</summary>
    public async Task HandshakeAsync(string conversationId = "conv-1")
    {
        Assert.IsType<StartMessage>(await ReceiveAsync());
        await SendAsync(new StartedMessage(new StartedPayload($"session-{Number}", conversationId, $"message-{Number}")));
        await SendAsync(ReadyMessage.Instance);
    }

    /// <summary>Waits for the client's text turn and answers it with one agent line.</summary>
    public async Task AnswerTextAsync(string answer)
    {
        while (await ReceiveAsync() is { } message)
        {
            if (message is TextMessage text)
            {
                await SendAsync(new TranscriptMessage(new TranscriptPayload("user", text.Payload.Text!)));
                await SendAsync(new TranscriptMessage(new TranscriptPayload("agent", answer)));
                return;
            }
        }
    }

    /// <summary>Drops the TCP connection without a close frame, like a lost network, once the frames sent have had time to arrive.</summary>
    public async Task DropAsync()
    {
        // An abort resets the connection, and a reset discards what the client has not read yet.
        await Task.Delay(300);
        context.Abort();
    }

    public Task CloseAsync(WebSocketCloseStatus status) => socket.CloseAsync(status, "scripted", CancellationToken.None);

    /// <summary>Reads until the client goes away.</summary>
    public async Task DrainAsync()
    {
        while (await ReceiveAsync() is { } message)
        {
            if (message is StopMessage)
            {
                await SendAsync(new EndedMessage(new EndedPayload(0, [])));
                await CloseAsync(WebSocketCloseStatus.NormalClosure);
                return;
            }
        }
    }
}
