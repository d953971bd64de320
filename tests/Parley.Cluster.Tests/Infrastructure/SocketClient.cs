using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Cluster.Tests.Infrastructure;

/// <summary>A bare voice socket speaking JSON frames: for what the SDK hides (a refused start, an error code, a close code).</summary>
public sealed class SocketClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly List<JsonElement> _frames = [];

    private SocketClient()
    {
    }

    public IReadOnlyList<JsonElement> Frames => _frames;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>Opens <c>/ws/voice</c> on <paramref name="baseAddress"/> with a key or a handoff token in the query.</summary>
    public static async Task<SocketClient> ConnectAsync(Uri baseAddress, string token)
    {
        var client = new SocketClient();
        var url = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/ws/voice", Query = "token=" + Uri.EscapeDataString(token) }.Uri;
        await client._socket.ConnectAsync(url, CancellationToken.None);
        return client;
    }

    /// <summary>Opens a socket from a handoff URL as <c>POST /v1/voice</c> gave it, through another address (another node).</summary>
    public static Task<SocketClient> ConnectHandoffAsync(Uri baseAddress, string handoffUrl)
        => ConnectAsync(baseAddress, Uri.UnescapeDataString(new Uri(handoffUrl).Query.Split("token=")[1]));

    public Task SendAsync(string type, object? payload = null)
    {
        var frame = new JsonObject { ["type"] = type };
        if (payload is not null)
        {
            frame["payload"] = JsonSerializer.SerializeToNode(payload);
        }

        return _socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
    }

    /// <summary>Reads frames until one of <paramref name="type"/> (or an error, when <paramref name="orError"/>) comes; null when the socket closed first.</summary>
    public async Task<JsonElement?> WaitForAsync(string type, bool orError = false, TimeSpan? timeout = null, Func<JsonElement, bool>? where = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (await ReceiveAsync(cancel.Token) is { } frame)
        {
            var frameType = frame.GetProperty("type").GetString();
            if ((frameType == type && (where is null || where(frame))) || (orError && frameType == "error"))
            {
                return frame;
            }
        }

        return null;
    }

    /// <summary>Reads until the server closes; returns its close status.</summary>
    public async Task<WebSocketCloseStatus?> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (await ReceiveAsync(cancel.Token) is not null)
        {
        }

        return _socket.CloseStatus;
    }

    public async Task StopAsync()
    {
        await SendAsync("stop");
        await WaitForCloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
                using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                while (await ReceiveAsync(cancel.Token) is not null)
                {
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
    }

    private async Task<JsonElement?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer, cancellationToken);
            }
            catch (WebSocketException)
            {
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                }

                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                var frame = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                _frames.Add(frame);
                return frame;
            }
        }
    }
}
