using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;
using Parley.Sessions;
using Parley.Sessions.Transport;

namespace Parley.Server.Voice;

/// <summary><c>GET /ws/voice</c>: authenticates the socket and runs one <see cref="VoiceSession"/> on it.</summary>
internal static partial class VoiceEndpoint
{
    public static void MapVoice(this IEndpointRouteBuilder app) => app.Map("/ws/voice", HandleAsync);

    private static async Task HandleAsync(
        HttpContext context,
        TokenAuthenticator authenticator,
        SessionRegistry registry,
        ISessionSlots slots,
        VoiceSessionServicesProvider servicesProvider,
        VoiceSessionOptions options,
        ILogger<VoiceSession> logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This endpoint takes a WebSocket upgrade.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        // A draining node answers the upgrade itself with 503: a load balancer (nginx's proxy_next_upstream http_503)
        // passes the connection on to another node, and a client without one retries as after any failed connect.
        if (registry.IsDraining)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            await context.Response.WriteAsync("This node is draining; connect again to reach another.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var connection = new WebSocketVoiceConnection(socket, options.MaxFrameBytes);

        // A browser or iOS client cannot read an HTTP 401 body, so refusals are sent on the accepted socket.

        var authentication = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (authentication.Caller is not { } caller)
        {
            var message = authentication.RetryAfter is { } wait
                ? $"Too many failed sign-ins from this address; try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s."
                : "Missing, unknown or revoked token.";
            await RefuseAsync(connection, CloseCodes.PolicyViolation, ErrorCodes.Unauthorized, message).ConfigureAwait(false);
            return;
        }

        VoiceSessionServices services;
        try
        {
            services = await servicesProvider.GetAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogEnginesUnavailable(logger, ex);
            await RefuseAsync(connection, CloseCodes.InternalError, ErrorCodes.InternalError, "The speech engines are not available.").ConfigureAwait(false);
            return;
        }

        IAsyncDisposable? slot;
        try
        {
            slot = await slots.TryTakeAsync(caller.ApiKeyId, options.MaxSessionsPerKey, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSlotsUnavailable(logger, ex);
            await RefuseAsync(connection, CloseCodes.InternalError, ErrorCodes.InternalError, "The server cannot count this key's sessions now.").ConfigureAwait(false);
            return;
        }

        if (slot is null)
        {
            await RefuseAsync(connection, CloseCodes.PolicyViolation, ErrorCodes.TooManySessions, "Too many concurrent sessions for this key.").ConfigureAwait(false);
            return;
        }

        var session = new VoiceSession(services, connection, caller);
        registry.Add(session, caller.ApiKeyId);
        try
        {
            await session.RunAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogSessionCrashed(logger, ex, session.Id);
        }
        finally
        {
            registry.Remove(session);
            await GiveBackAsync(slot, logger).ConfigureAwait(false);
        }
    }

    private static async Task GiveBackAsync(IAsyncDisposable slot, ILogger logger)
    {
        try
        {
            await slot.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Redis away: a slot in Redis is a lease, and comes back by itself.
            LogSlotsUnavailable(logger, ex);
        }
    }

    private static async Task RefuseAsync(IVoiceConnection connection, int closeCode, string? errorCode, string message)
    {
        if (errorCode is not null)
        {
            await connection.SendAsync(VoiceMessageCodec.Serialize(new ErrorMessage(new ErrorPayload(message, errorCode)))).ConfigureAwait(false);
        }

        await connection.CloseAsync(closeCode, errorCode ?? "restarting").ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            // Let the client answer the close handshake, so it sees our code rather than a dropped connection.
            while (await connection.ReceiveAsync(timeout.Token).ConfigureAwait(false) is not null)
            {
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or FrameTooLargeException)
        {
            connection.Abort();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A voice session was refused: the engines are not available.")]
    private static partial void LogEnginesUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sessions of a key could not be counted (is Redis reachable?).")]
    private static partial void LogSlotsUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Voice session {SessionId} crashed.")]
    private static partial void LogSessionCrashed(ILogger logger, Exception exception, string sessionId);
}
