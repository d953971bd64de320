using Parley.Storage.Agents;
using Parley.Storage.Telephony;
using Parley.Telephony;
using Parley.Telephony.Twilio;

namespace Parley.Server.Telephony;

/// <summary>
/// Twilio's webhooks: the voice webhook of a number (<c>POST /telephony/twilio/voice</c>), answered with TwiML that connects
/// the call's media stream to Parley, and the status callback of calls Parley placed (<c>POST /telephony/twilio/status</c>).
/// </summary>
/// <remarks>
/// Every request must carry Twilio's signature under the auth token of the account that owns the number called; one that
/// does not is refused with 403 before anything is stored or started. A number Parley does not have is refused politely:
/// TwiML that says so and hangs up (nothing is revealed that the caller did not dial).
/// </remarks>
internal static partial class TwilioWebhookEndpoints
{
    public const string VoicePath = "/telephony/twilio/voice";
    public const string StatusPath = "/telephony/twilio/status";
    private const string NotInService = "Sorry, this number is not in service. Goodbye.";
    private const string Unavailable = "Sorry, nobody can take your call right now. Please try again later. Goodbye.";

    public static void MapTwilioWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost(VoicePath, VoiceAsync).ExcludeFromDescription();
        app.MapPost(StatusPath, StatusAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> VoiceAsync(
        HttpContext context,
        PhoneNumberStore numbers,
        AgentStore agents,
        CallStore calls,
        CarrierCredentials credentials,
        IStreamTokenStore tokens,
        PublicUrls urls,
        TelephonyOptions options,
        ILogger<TwilioMediaFormat> logger)
    {
        var cancellationToken = context.RequestAborted;
        var form = await ReadFormAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (form is null)
        {
            return Results.BadRequest();
        }

        var to = form.GetValueOrDefault("To");
        var number = to is null ? null : await numbers.FindCalledAsync(to, cancellationToken).ConfigureAwait(false);
        if (number is not { Carrier: Carriers.Twilio })
        {
            LogUnknownNumber(logger, to ?? "(none)");
            return Twiml(TwilioTwiml.Refuse(NotInService));
        }

        var refusal = await CheckAsync(context.Request, form, number, credentials, urls, logger, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var agent = number.AgentId is { } agentId
            ? await agents.FindAsync(number.TeamspaceId, agentId, cancellationToken).ConfigureAwait(false)
            : await agents.GetDefaultAsync(number.TeamspaceId, cancellationToken).ConfigureAwait(false);
        if (agent is null)
        {
            LogNoAgent(logger, number.Number, number.AgentId ?? "(default)");
            return Twiml(TwilioTwiml.Refuse(Unavailable));
        }

        var call = await calls.CreateAsync(new CallRecord
        {
            Id = string.Empty, TeamspaceId = number.TeamspaceId, PhoneNumberId = number.Id, Direction = "inbound", Carrier = Carriers.Twilio,
            CarrierCallId = form.GetValueOrDefault("CallSid"), From = form.GetValueOrDefault("From") ?? "unknown", To = number.Number, AgentId = agent.Id,
            Status = CallStatuses.Ringing,
        }, cancellationToken).ConfigureAwait(false);
        var grant = new StreamGrant(number.TeamspaceId, SessionKeys.ForNumber(number.Id), PhoneStart.For(number, agent.Id), call.Id, Carriers.Twilio, number.Greeting);
        var token = await tokens.IssueAsync(grant, options.StreamTokenLifetime, cancellationToken).ConfigureAwait(false);
        return Twiml(TwilioTwiml.ConnectStream(urls.WebSocket(context.Request, MediaStreamEndpoint.PathFor(Carriers.Twilio)), token));
    }

    private static async Task<IResult> StatusAsync(
        HttpContext context, PhoneNumberStore numbers, CallStore calls, CarrierCredentials credentials, PublicUrls urls, ILogger<TwilioMediaFormat> logger)
    {
        var cancellationToken = context.RequestAborted;
        var form = await ReadFormAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var callId = context.Request.Query["call_id"].ToString();
        var call = form is null || callId.Length == 0 ? null : await calls.FindAnyAsync(callId, cancellationToken).ConfigureAwait(false);
        var number = call?.PhoneNumberId is { } numberId ? await numbers.FindAsync(call.TeamspaceId, numberId, cancellationToken).ConfigureAwait(false) : null;
        if (form is null || call is null || number is null)
        {
            return Results.NotFound();
        }

        if (await CheckAsync(context.Request, form, number, credentials, urls, logger, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        if (CarrierStatus.From(form.GetValueOrDefault("CallStatus")) is { } status)
        {
            var error = status == CallStatuses.Failed ? $"Twilio reported the call {form.GetValueOrDefault("CallStatus")}." : null;
            await calls.AdvanceAsync(call.Id, status, error, carrierCallId: form.GetValueOrDefault("CallSid"), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return Results.NoContent();
    }

    /// <summary>Null when the request is Twilio's for this number's account; else the answer that refuses it.</summary>
    private static async Task<IResult?> CheckAsync(
        HttpRequest request, Dictionary<string, string> form, PhoneNumberRecord number, CarrierCredentials credentials, PublicUrls urls, ILogger logger,
        CancellationToken cancellationToken)
    {
        var authToken = await credentials.ForSignatureAsync(number, cancellationToken).ConfigureAwait(false);
        if (authToken is null)
        {
            // Without the token no signature can be checked, so nothing can be trusted: the call is refused, politely.
            LogNoCredential(logger, number.Number, number.CredentialSecret);
            return Twiml(TwilioTwiml.Refuse(Unavailable));
        }

        var url = urls.RequestUrl(request);
        if (!TwilioSignature.IsValid(authToken, url, form, request.Headers[TwilioSignature.Header].ToString())
            || form.GetValueOrDefault("AccountSid") != number.AccountId)
        {
            LogForged(logger, url.AbsolutePath, request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return Results.Text("The request is not signed by the account that owns this number.", statusCode: StatusCodes.Status403Forbidden);
        }

        return null;
    }

    private static async Task<Dictionary<string, string>?> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }

        var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        return form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
    }

    private static IResult Twiml(string xml) => Results.Text(xml, "text/xml", System.Text.Encoding.UTF8);

    [LoggerMessage(Level = LogLevel.Information, Message = "A Twilio call to {Number}, which is no number of Parley's, was refused.")]
    private static partial void LogUnknownNumber(ILogger logger, string number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Twilio webhook to {Path} from {Address} was refused: its signature is not the number's account's.")]
    private static partial void LogForged(ILogger logger, string path, string address);

    [LoggerMessage(Level = LogLevel.Error, Message = "A call to {Number} was refused: its credential secret '{Secret}' is gone, so Twilio's signature cannot be checked.")]
    private static partial void LogNoCredential(ILogger logger, string number, string secret);

    [LoggerMessage(Level = LogLevel.Error, Message = "A call to {Number} was refused: its agent {AgentId} is gone.")]
    private static partial void LogNoAgent(ILogger logger, string number, string agentId);
}
