using Parley.Server.Api;
using Parley.Sessions;
using Parley.Storage.Agents;
using Parley.Storage.Telephony;
using Parley.Telephony;
using Parley.Telephony.Calls;
using Parley.Tools.Outbound;

namespace Parley.Server.Telephony;

/// <summary><c>/v1/calls</c>: place an outbound call through the number's carrier, and follow every call's status.</summary>
internal static partial class CallEndpoints
{
    public static void MapCalls(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/calls").WithTags("Calls");
        group.MapPost("/", PlaceAsync).Produces<CallResponse>(StatusCodes.Status201Created).Accepts<CallRequest>("application/json");
        group.MapGet("/", ListAsync).Produces<ListResponse<CallResponse>>();
        group.MapGet("/{id}", RetrieveAsync).Produces<CallResponse>();
    }

    private static async Task<IResult> PlaceAsync(
        HttpContext context,
        PhoneNumberStore numbers,
        AgentStore agents,
        CallStore calls,
        CarrierCredentials credentials,
        IStreamTokenStore tokens,
        PublicUrls urls,
        TelephonyOptions options,
        IEnumerable<ICarrierCalls> carriers,
        ILogger<CallRequest> logger)
    {
        var caller = context.Caller();
        var cancellationToken = context.RequestAborted;
        var body = await JsonBody.ReadAsync(context.Request, TelephonyJsonContext.Default.CallRequest, () => new CallRequest(null, null, null, null)).ConfigureAwait(false);
        if (!PhoneNumbers.IsE164(body.To))
        {
            throw ApiException.Unprocessable("'to' must be a number in E.164, e.g. +15551230000.");
        }

        if (body.InitialContext?.Length > StartRules.MaxInitialTextChars)
        {
            throw ApiException.Unprocessable($"'initial_context' is longer than {StartRules.MaxInitialTextChars} characters.");
        }

        var from = body.From is { } f && PhoneNumbers.IsE164(f)
            ? await numbers.FindByNumberAsync(caller.TeamspaceId, f, cancellationToken).ConfigureAwait(false) ?? throw ApiException.NotFound($"Phone number '{f}' was not found.")
            : throw ApiException.Unprocessable("'from' must be one of this teamspace's numbers (see /v1/phone-numbers), in E.164.");
        var agent = (body.AgentId ?? from.AgentId) is { } agentId
            ? await agents.FindAsync(caller.TeamspaceId, agentId, cancellationToken).ConfigureAwait(false) ?? throw ApiException.NotFound($"Agent '{agentId}' was not found.")
            : await agents.GetDefaultAsync(caller.TeamspaceId, cancellationToken).ConfigureAwait(false);
        var carrier = carriers.First(c => c.Carrier == from.Carrier);
        var api = from.Carrier == Carriers.Twilio ? options.TwilioApiBaseUrl : options.TelnyxApiBaseUrl;
        string credential;
        try
        {
            credential = await credentials.ForApiAsync(from, api, cancellationToken).ConfigureAwait(false)
                ?? throw ApiException.Unprocessable($"The number's credential secret '{from.CredentialSecret}' is gone; create it again or PATCH the number.");
        }
        catch (OutboundRefusedException ex)
        {
            throw ApiException.Unprocessable(ex.Message);
        }

        var call = await calls.CreateAsync(new CallRecord
        {
            Id = string.Empty, TeamspaceId = caller.TeamspaceId, PhoneNumberId = from.Id, Direction = "outbound", Carrier = from.Carrier,
            From = from.Number, To = body.To!, AgentId = agent.Id, Status = CallStatuses.Queued,
        }, cancellationToken).ConfigureAwait(false);

        var start = PhoneStart.For(from, agent.Id) with { InitialContext = body.InitialContext };
        var token = await tokens.IssueAsync(new StreamGrant(caller.TeamspaceId, caller.ApiKeyId, start, call.Id, from.Carrier, Greeting: null), options.StreamTokenLifetime, cancellationToken).ConfigureAwait(false);
        var request = new OutboundCallRequest(
            from.AccountId, credential, from.Number, body.To!, urls.WebSocket(context.Request, MediaStreamEndpoint.PathFor(from.Carrier)), token,
            from.Carrier == Carriers.Twilio
                ? urls.Http(context.Request, $"{TwilioWebhookEndpoints.StatusPath}?call_id={call.Id}")
                : urls.Http(context.Request, TelnyxWebhookEndpoints.WebhookPath),
            call.Id);
        try
        {
            var placed = await carrier.PlaceAsync(request, cancellationToken).ConfigureAwait(false);
            call = await calls.AdvanceAsync(call.Id, CarrierStatus.From(placed.Status) ?? CallStatuses.Queued, carrierCallId: placed.CarrierCallId, cancellationToken: CancellationToken.None).ConfigureAwait(false) ?? call;
        }
        catch (CarrierCallException ex)
        {
            LogPlaceFailed(logger, ex, call.Id, from.Carrier);
            await calls.AdvanceAsync(call.Id, CallStatuses.Failed, error: ex.Message, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            throw new ApiException(new ApiError(StatusCodes.Status502BadGateway, "carrier_error", $"The carrier did not place call {call.Id}: {ex.Message}", true));
        }

        return ApiResults.Json(CallResponse.Of(call), TelephonyJsonContext.Default.CallResponse, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, CallStore calls)
    {
        var page = PageQuery.Read(context.Request);
        var rows = await calls.ListAsync(context.Caller().TeamspaceId, Pages.Probe(page), context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(Pages.From(rows, page, CallResponse.Of), TelephonyJsonContext.Default.ListResponseCallResponse);
    }

    private static async Task<IResult> RetrieveAsync(string id, HttpContext context, CallStore calls)
        => await calls.FindAsync(context.Caller().TeamspaceId, id, context.RequestAborted).ConfigureAwait(false) is { } call
            ? ApiResults.Json(CallResponse.Of(call), TelephonyJsonContext.Default.CallResponse)
            : ApiResults.NotFound("Call", id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId} could not be placed through {Carrier}.")]
    private static partial void LogPlaceFailed(ILogger logger, Exception exception, string callId, string carrier);
}
