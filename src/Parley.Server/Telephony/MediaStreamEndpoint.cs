using Parley.Protocol.Payloads;
using Parley.Server.Voice;
using Parley.Sessions;
using Parley.Sessions.Transport;
using Parley.Storage.Telephony;
using Parley.Telephony;
using Parley.Telephony.Media;
using Parley.Telephony.Telnyx;
using Parley.Telephony.Twilio;

namespace Parley.Server.Telephony;

/// <summary>
/// The carriers' media stream sockets (<c>/telephony/twilio/stream</c>, <c>/telephony/telnyx/stream</c>): each call's stream
/// runs the same <see cref="VoiceSession"/> as <c>/ws/voice</c>, through a <see cref="PhoneCallConnection"/>.
/// </summary>
/// <remarks>
/// A stream is let in only with the single-use token its call was set up with (by the signed voice webhook or by
/// <c>POST /v1/calls</c>); it arrives in the carrier's <c>start</c> (Twilio) or its auth token (Telnyx). The call's record
/// follows the stream: in progress with the conversation it is, completed when it ends.
/// </remarks>
internal static partial class MediaStreamEndpoint
{
    public static string PathFor(string carrier) => $"/telephony/{carrier}/stream";

    public static void MapMediaStreams(this IEndpointRouteBuilder app)
    {
        app.Map(PathFor(Carriers.Twilio), context => HandleAsync(context, TwilioMediaFormat.Instance)).ExcludeFromDescription();
        app.Map(PathFor(Carriers.Telnyx), context => HandleAsync(context, TelnyxMediaFormat.Instance)).ExcludeFromDescription();
    }

    private static async Task HandleAsync(HttpContext context, ICarrierMediaFormat format)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILogger<PhoneCallConnection>>();
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This endpoint takes a carrier's media stream (a WebSocket upgrade).", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var options = services.GetRequiredService<TelephonyOptions>();
        var registry = services.GetRequiredService<SessionRegistry>();
        var calls = services.GetRequiredService<CallStore>();
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var opening = await StreamOpening.ReadAsync(socket, format, options.StreamStartTimeout, services.GetRequiredService<TimeProvider>()).ConfigureAwait(false);
        var token = opening?.Started.Parameters.GetValueOrDefault(TwilioMediaFormat.TokenParameter)
            ?? opening?.Connected?.AuthToken
            ?? NullIfEmpty(context.Request.Headers[TelnyxMediaFormat.AuthTokenHeader].ToString());
        StreamGrant? grant;
        try
        {
            grant = await services.GetRequiredService<IStreamTokenStore>().RedeemAsync(token, format.Name, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Redis away: the token cannot be checked, so the stream is refused as one without a valid token.
            LogTokensUnavailable(logger, ex, format.Name);
            grant = null;
        }

        if (opening is null || grant is null || registry.IsDraining || !IsLineAudio(opening.Started))
        {
            LogRefused(logger, format.Name, opening is null ? "no start in time" : grant is null ? "no valid token" : registry.IsDraining ? "draining" : "not µ-law 8 kHz mono");
            await CloseAsync(socket, CloseCodes.PolicyViolation).ConfigureAwait(false);
            return;
        }

        VoiceSessionServices sessionServices;
        try
        {
            sessionServices = await services.GetRequiredService<VoiceSessionServicesProvider>().GetAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogEnginesUnavailable(logger, ex, grant.CallId);
            await CloseAsync(socket, CloseCodes.InternalError).ConfigureAwait(false);
            await calls.AdvanceAsync(grant.CallId, CallStatuses.Failed, "The speech engines are not available.").ConfigureAwait(false);
            return;
        }

        var connection = new PhoneCallConnection(socket, format, opening.Started, grant.Start, options, sessionServices.Time, logger);
        IAsyncDisposable? slot;
        try
        {
            // A call counts against its number (inbound) or the key that placed it, as a /ws/voice session counts against its key.
            slot = await services.GetRequiredService<ISessionSlots>().TryTakeAsync(grant.SessionKeyId, sessionServices.Options.MaxSessionsPerKey, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSlotsUnavailable(logger, ex, grant.CallId);
            slot = null;
        }

        if (slot is null)
        {
            LogRefused(logger, format.Name, "too many calls at once for this number or key, or they cannot be counted now");
            await connection.StopLineAsync().ConfigureAwait(false);
            await CloseAsync(socket, CloseCodes.PolicyViolation).ConfigureAwait(false);
            await calls.AdvanceAsync(grant.CallId, CallStatuses.Failed, "Too many calls at once for this number or key.").ConfigureAwait(false);
            return;
        }

        var session = new VoiceSession(sessionServices, connection, new CallerIdentity(grant.TeamspaceId, grant.SessionKeyId, grant.Start))
        {
            OpeningLine = grant.Greeting,
        };
        registry.Add(session, grant.SessionKeyId);
        try
        {
            await calls.AdvanceAsync(grant.CallId, CallStatuses.InProgress, carrierCallId: opening.Started.CallId).ConfigureAwait(false);
            var running = session.RunAsync();
            // An ephemeral call (its number is not recorded) has no stored conversation to point to.
            if (await connection.Started.ConfigureAwait(false) is { } started && grant.Start.Ephemeral != true)
            {
                await calls.AdvanceAsync(grant.CallId, CallStatuses.InProgress, conversationId: started.ConversationId, messageId: started.MessageId).ConfigureAwait(false);
            }

            await running.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogSessionCrashed(logger, ex, grant.CallId);
        }
        finally
        {
            registry.Remove(session);
            await GiveBackAsync(slot, logger).ConfigureAwait(false);
            await connection.StopLineAsync().ConfigureAwait(false);
            var (frames, marks, clears) = connection.LineCounts;
            LogCallEnded(logger, grant.CallId, format.Name, frames, marks, clears);
            await calls.AdvanceAsync(grant.CallId, CallStatuses.Completed).ConfigureAwait(false);
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
            // Redis away: a slot there is a lease, and comes back by itself.
            LogSlotsUnavailable(logger, ex, "(ended)");
        }
    }

    private static bool IsLineAudio(CarrierEvent.Started started)
        => started.Encoding is "audio/x-mulaw" or "PCMU" && started.SampleRate == 8000 && started.Channels is 1 or 0;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static async Task CloseAsync(System.Net.WebSockets.WebSocket socket, int code)
    {
        var connection = new WebSocketVoiceConnection(socket, PhoneCallConnection.MaxCarrierFrameBytes);
        await connection.CloseAsync(code, code == CloseCodes.PolicyViolation ? "refused" : "unavailable").ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Carrier} media stream was refused: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string carrier, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Carrier} media stream's token could not be checked.")]
    private static partial void LogTokensUnavailable(ILogger logger, Exception exception, string carrier);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId} was refused: the speech engines are not available.")]
    private static partial void LogEnginesUnavailable(ILogger logger, Exception exception, string callId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The calls at once of call {CallId}'s number or key could not be counted.")]
    private static partial void LogSlotsUnavailable(ILogger logger, Exception exception, string callId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The session of call {CallId} crashed.")]
    private static partial void LogSessionCrashed(ILogger logger, Exception exception, string callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} ({Carrier}) ended: {Frames} frames, {Marks} marks and {Clears} clears sent down the line.")]
    private static partial void LogCallEnded(ILogger logger, string callId, string carrier, long frames, long marks, long clears);
}
