using Parley.Storage.Telephony;
using Parley.Telephony;
using Parley.Telephony.Telnyx;

namespace Parley.Server.Telephony;

/// <summary>
/// Telnyx's Call Control webhooks (<c>POST /telephony/telnyx/webhook</c>): the progress of calls Parley placed
/// (<c>call.initiated</c> → <c>call.answered</c> → <c>call.hangup</c>), and incoming calls to Telnyx numbers, answered
/// with their media streamed to Parley (see <see cref="TelnyxInboundCalls"/>).
/// </summary>
/// <remarks>
/// Every webhook must carry Telnyx's Ed25519 signature under the public key of the account that owns the call's number,
/// signed within <see cref="TelephonyOptions.TelnyxWebhookTolerance"/>, and name that account's connection; one that
/// does not is refused with 403 before anything is stored, started or changed. A webhook finds its call by the
/// <c>client_state</c> Parley set on it (its id), else by Telnyx's <c>call_control_id</c>.
/// </remarks>
internal static partial class TelnyxWebhookEndpoints
{
    public const string WebhookPath = "/telephony/telnyx/webhook";

    /// <summary>Largest webhook body read: Telnyx's call events are a few KB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static void MapTelnyxWebhooks(this IEndpointRouteBuilder app) => app.MapPost(WebhookPath, HandleAsync).ExcludeFromDescription();

    private static async Task<IResult> HandleAsync(
        HttpContext context, PhoneNumberStore numbers, CallStore calls, TelephonyOptions options, TimeProvider time, TelnyxInboundCalls inbound,
        ILogger<TelnyxCallCommands> logger)
    {
        var cancellationToken = context.RequestAborted;
        var body = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Results.Text($"A Telnyx webhook is at most {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (TelnyxWebhookEvent.Parse(body, out var problem) is not { } e)
        {
            return Results.Text($"Not a Telnyx Call Control event: {problem}", statusCode: StatusCodes.Status400BadRequest);
        }

        var call = await FindCallAsync(e, calls, cancellationToken).ConfigureAwait(false);
        var incoming = call is null && e.EventType == "call.initiated" && e.Direction == "incoming";
        var number = call?.PhoneNumberId is { } numberId
            ? await numbers.FindAsync(call.TeamspaceId, numberId, cancellationToken).ConfigureAwait(false)
            : incoming ? await FindCalledAsync(e, numbers, cancellationToken).ConfigureAwait(false) : null;
        if (number is null)
        {
            // Nothing of Parley's: no key to check the signature with, and nothing to change.
            LogUnknown(logger, e.EventType, e.To ?? "(none)");
            return Results.NotFound();
        }

        var check = TelnyxSignature.Check(
            number.WebhookPublicKey, context.Request.Headers[TelnyxSignature.TimestampHeader].ToString(),
            context.Request.Headers[TelnyxSignature.SignatureHeader].ToString(), body, time.GetUtcNow(), options.TelnyxWebhookTolerance);
        if (check == TelnyxSignatureCheck.Valid && e.ConnectionId is { } connection && connection != number.AccountId)
        {
            check = TelnyxSignatureCheck.Forged;
        }

        if (check != TelnyxSignatureCheck.Valid)
        {
            LogRefused(logger, e.EventType, number.Number, check, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return Results.Text(
                check == TelnyxSignatureCheck.NoKey
                    ? "The number has no 'webhook_public_key' to check Telnyx's signature with."
                    : "The request is not signed by the Telnyx account that owns this number, or not recently.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (incoming)
        {
            await inbound.TakeAsync(context.Request, e, number, cancellationToken).ConfigureAwait(false);
            return Results.Ok();
        }

        if (TelnyxCallProgress.Of(e, answered: call!.Status == CallStatuses.InProgress) is { } progress
            && CarrierStatus.From(progress.Status) is { } status)
        {
            await calls.AdvanceAsync(call.Id, status, progress.Error, carrierCallId: e.CallControlId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return Results.Ok();
    }

    private static async Task<CallRecord?> FindCallAsync(TelnyxWebhookEvent e, CallStore calls, CancellationToken cancellationToken)
    {
        var byState = e.ClientState is { Length: > 0 and <= 64 } id ? await calls.FindAnyAsync(id, cancellationToken).ConfigureAwait(false) : null;
        return byState is { Carrier: Carriers.Telnyx }
            ? byState
            : await calls.FindByCarrierCallIdAsync(Carriers.Telnyx, e.CallControlId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Telnyx number called; else a number of the same account, whose key checks the webhook and refuses the call.</summary>
    private static async Task<PhoneNumberRecord?> FindCalledAsync(TelnyxWebhookEvent e, PhoneNumberStore numbers, CancellationToken cancellationToken)
    {
        var called = e.To is { } to ? await numbers.FindCalledAsync(to, cancellationToken).ConfigureAwait(false) : null;
        if (called is { Carrier: Carriers.Telnyx })
        {
            return called;
        }

        return e.ConnectionId is { } connection ? await numbers.FindByAccountAsync(Carriers.Telnyx, connection, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>The raw body, as Telnyx signed it; null when it is longer than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A Telnyx {EventType} webhook about no call or number of Parley's (to {Number}) was ignored.")]
    private static partial void LogUnknown(ILogger logger, string eventType, string number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Telnyx {EventType} webhook for {Number} from {Address} was refused: {Check}.")]
    private static partial void LogRefused(ILogger logger, string eventType, string number, TelnyxSignatureCheck check, string address);
}
