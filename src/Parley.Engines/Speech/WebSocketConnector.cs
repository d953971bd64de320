using System.Net.WebSockets;

namespace Parley.Engines.Speech;

/// <summary>Opens a provider's WebSocket, translating a refused upgrade, a timeout or an unreachable host into <see cref="SpeechEngineException"/>.</summary>
internal static class WebSocketConnector
{
    /// <summary>Connects within <paramref name="timeout"/> on <paramref name="timeProvider"/>'s clock; the caller owns the socket.</summary>
    /// <param name="engine">The engine's name, for errors.</param>
    /// <param name="url">Where to connect.</param>
    /// <param name="headers">Request headers (authentication).</param>
    /// <param name="errorHeader">A response header in which the provider explains a refusal (Deepgram's <c>dg-error</c>), or null.</param>
    /// <param name="timeout">How long the handshake may take.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="cancellationToken">The caller's cancellation, never wrapped.</param>
    public static async Task<ClientWebSocket> ConnectAsync(
        string engine,
        Uri url,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        string? errorHeader,
        TimeSpan timeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken = default)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        foreach (var (name, value) in headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await socket.ConnectAsync(url, linked.Token).ConfigureAwait(false);
            return socket;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var status = (int)socket.HttpStatusCode;
            var detail = errorHeader is not null && socket.HttpResponseHeaders?.TryGetValue(errorHeader, out var values) == true
                ? string.Join(' ', values)
                : null;
            socket.Dispose();
            if (timer.IsCancellationRequested)
            {
                throw SpeechEngineFailures.TimedOut(engine, "did not accept the connection", timeout, ex);
            }

            if (status is > 0 and not 101)
            {
                throw SpeechEngineFailures.Status(engine, status, detail, ex);
            }

            throw SpeechEngineFailures.Dropped(engine, $"could not connect to {url.GetLeftPart(UriPartial.Path)}: {ex.Message}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
