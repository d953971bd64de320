using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace Parley.Engines.Speech;

/// <summary>Whole-message reads and text sends on a WebSocket, with a bound on what a peer may send in one message.</summary>
internal static class WebSocketMessages
{
    /// <summary>Receives one whole message into <paramref name="buffer"/> (cleared first); returns its type, <see cref="WebSocketMessageType.Close"/> when the peer closed.</summary>
    /// <exception cref="InvalidDataException">The message is longer than <paramref name="maxBytes"/>.</exception>
    public static async ValueTask<WebSocketMessageType> ReceiveAsync(
        WebSocket socket, ArrayBufferWriter<byte> buffer, int maxBytes, CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(8192), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return WebSocketMessageType.Close;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > maxBytes)
            {
                throw new InvalidDataException($"a message longer than {maxBytes} bytes");
            }

            if (result.EndOfMessage)
            {
                return result.MessageType;
            }
        }
    }

    /// <summary>Sends <paramref name="text"/> as one text message.</summary>
    public static Task SendTextAsync(WebSocket socket, string text, CancellationToken cancellationToken)
        => socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
}
