using System.Net.WebSockets;
using Parley.Protocol.Messages;
using Parley.Protocol.Serialization;

namespace Parley.Client.Voice;

/// <summary>One WebSocket to <c>/ws/voice</c>: whole frames in and out, one write at a time.</summary>
internal sealed class VoiceConnection : IDisposable
{
    private const int MaxFrameBytes = 1 << 20;
    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly MemoryStream _frame = new();

    private VoiceConnection(ClientWebSocket socket) => _socket = socket;

    /// <summary>The close status the server sent, if it closed.</summary>
    public int? CloseStatus => (int?)_socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    public static async Task<VoiceConnection> OpenAsync(VoiceTarget target, VoiceSessionOptions options, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = options.KeepAliveInterval;
        socket.Options.KeepAliveTimeout = options.KeepAliveTimeout;
        if (target.BearerToken is { Length: > 0 } token)
        {
            socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        }

        try
        {
            await socket.ConnectAsync(target.Url, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new VoiceConnection(socket);
    }

    /// <summary>Sends one text frame; writes never interleave.</summary>
    public async Task SendAsync(VoiceMessage message, CancellationToken cancellationToken)
        => await SendAsync(VoiceMessageCodec.Serialize(message), cancellationToken).ConfigureAwait(false);

    public async Task SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The next frame, or null once the server has closed; frames of unknown types are skipped, as the protocol allows new ones.</summary>
    public async Task<VoiceMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            _frame.SetLength(0);
            ValueWebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await AnswerCloseAsync().ConfigureAwait(false);
                    return null;
                }

                _frame.Write(_buffer, 0, result.Count);
                if (_frame.Length > MaxFrameBytes)
                {
                    throw new WebSocketException(WebSocketError.Faulted, $"The server sent a frame over {MaxFrameBytes} bytes.");
                }
            }
            while (!result.EndOfMessage);

            try
            {
                return VoiceMessageCodec.Deserialize(_frame.GetBuffer().AsMemory(0, (int)_frame.Length));
            }
            catch (VoiceProtocolException)
            {
                // An unknown or malformed server frame: ignored, as the iOS client does.
            }
        }
    }

    /// <summary>Starts a normal close (1000); the server's close then ends <see cref="ReceiveAsync"/>.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Drops the connection at once, without a close handshake.</summary>
    public void Abort() => _socket.Abort();

    public void Dispose()
    {
        _socket.Dispose();
        _writeLock.Dispose();
        _frame.Dispose();
    }

    private async Task AnswerCloseAsync()
    {
        try
        {
            await _writeLock.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (WebSocketException)
        {
            // The server is already gone; its close status has been read.
        }
    }
}
