using System.Buffers;
using System.Net.WebSockets;

namespace Parley.Sessions.Transport;

/// <summary>An <see cref="IVoiceConnection"/> over a server-side <see cref="WebSocket"/>.</summary>
public sealed class WebSocketVoiceConnection(WebSocket socket, int maxFrameBytes) : IVoiceConnection
{
    private readonly ArrayBufferWriter<byte> _frame = new(16 * 1024);

    public async ValueTask<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        _frame.ResetWrittenCount();
        var oversized = false;
        long total = 0;
        try
        {
            while (true)
            {
                var memory = _frame.GetMemory(8 * 1024);
                var result = await socket.ReceiveAsync(memory, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                total += result.Count;
                if (!oversized)
                {
                    _frame.Advance(result.Count);
                    if (_frame.WrittenCount > maxFrameBytes)
                    {
                        // Keep reading to the end of the frame so the stream stays in step, but hold none of it.
                        oversized = true;
                        _frame.ResetWrittenCount();
                    }
                }

                if (result.EndOfMessage)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            return null; // The peer vanished (or we aborted it): the session ends as if it had closed.
        }

        if (oversized)
        {
            throw new FrameTooLargeException(total, maxFrameBytes);
        }

        return _frame.WrittenMemory;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken = default)
    {
        if (socket.State != WebSocketState.Open)
        {
            return;
        }

        try
        {
            await socket.SendAsync(utf8Json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            // The peer is gone; the receive side notices and ends the session.
        }
    }

    public async ValueTask CloseAsync(int closeCode, string reason, CancellationToken cancellationToken = default)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, reason, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    public void Abort() => socket.Abort();
}
