using System.Text.Json;
using Parley.Server.Api;
using Parley.Storage.Paging;
using Parley.Storage.Secrets;
using Parley.Storage.Webhooks;
using Parley.Tools.Outbound;

namespace Parley.Server.Webhooks;

/// <summary>
/// <c>/v1/webhooks</c> as the SDK's <c>webhooks</c> resource: create (the signing secret shown once), retrieve, update,
/// list (<c>cursor</c>/<c>next_cursor</c>), delete, <c>active</c> (listActiveForEvent); and Parley's own
/// <c>/v1/webhooks/{id}/deliveries</c>, each delivery with every attempt at it.
/// </summary>
internal static class WebhookEndpoints
{
    public static void MapWebhooks(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks");
        group.MapPost("/", CreateAsync).Produces<WebhookResponse>(StatusCodes.Status201Created);
        group.MapGet("/", ListAsync).Produces<WebhookListResponse>();
        group.MapGet("/active", ActiveAsync).Produces<WebhookActiveResponse>();
        group.MapGet("/{id}", RetrieveAsync).Produces<WebhookResponse>();
        group.MapPatch("/{id}", UpdateAsync).Produces<WebhookResponse>();
        group.MapDelete("/{id}", DeleteAsync).Produces(StatusCodes.Status204NoContent);
        group.MapGet("/{id}/deliveries", DeliveriesAsync).Produces<ListResponse<WebhookDeliveryResponse>>();
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, WebhookStore store, SecretProtector protector, OutboundAddressGuard outbound, WebhookDeliveryOptions options)
    {
        var caller = context.Caller();
        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false)
            ?? throw ApiException.BadRequest("Send a JSON body with 'url' and 'events'.");
        var body = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement : throw ApiException.BadRequest("The request body must be a JSON object.");
        var url = WebhookChangesReader.Url(WebhookChangesReader.Required(body, "url"), outbound);
        var events = WebhookChangesReader.Events(WebhookChangesReader.Required(body, "events"));
        if (await store.CountAsync(caller.TeamspaceId, context.RequestAborted).ConfigureAwait(false) >= options.MaxPerTeamspace)
        {
            throw ApiException.Unprocessable($"A teamspace may have at most {options.MaxPerTeamspace} webhooks; delete one first.");
        }

        var secret = WebhookSignature.NewSecret();
        var webhook = await store.CreateAsync(caller.TeamspaceId, url, events, protector.Protect(secret), context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(WebhookResponse.From(webhook, secret), WebhooksJsonContext.Default.WebhookResponse, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, WebhookStore store)
    {
        var cursor = context.Request.Query["cursor"].ToString();
        var page = PageQuery.Read(context.Request);
        page = cursor.Length > 0 ? page with { After = cursor, Before = null } : page;
        var rows = await store.ListAsync(context.Caller().TeamspaceId, Pages.Probe(page), context.RequestAborted).ConfigureAwait(false);
        var list = Pages.From(rows, page, w => WebhookResponse.From(w));
        var next = list.HasMore && page.Before is null ? list.Data[^1].Id : null;
        return ApiResults.Json(new WebhookListResponse(list.Data, next, list.HasMore), WebhooksJsonContext.Default.WebhookListResponse);
    }

    private static async Task<IResult> ActiveAsync(HttpContext context, WebhookStore store)
    {
        var eventType = context.Request.Query["event_type"].ToString();
        if (eventType.Length == 0)
        {
            throw ApiException.BadRequest("Give the event type as 'event_type'.");
        }

        if (!WebhookEventTypes.IsKnown(eventType))
        {
            throw ApiException.Unprocessable($"Unknown event type '{eventType}'; known: {string.Join(", ", WebhookEventTypes.All)}.");
        }

        var active = await store.ListActiveForEventAsync(context.Caller().TeamspaceId, eventType, context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(new WebhookActiveResponse([.. active.Select(w => WebhookResponse.From(w))]), WebhooksJsonContext.Default.WebhookActiveResponse);
    }

    private static async Task<IResult> RetrieveAsync(string id, HttpContext context, WebhookStore store)
        => await store.FindAsync(context.Caller().TeamspaceId, id, context.RequestAborted).ConfigureAwait(false) is { } webhook
            ? ApiResults.Json(WebhookResponse.From(webhook), WebhooksJsonContext.Default.WebhookResponse)
            : ApiResults.NotFound("Webhook", id);

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, WebhookStore store, OutboundAddressGuard outbound)
    {
        var caller = context.Caller();
        if (await store.FindAsync(caller.TeamspaceId, id, context.RequestAborted).ConfigureAwait(false) is null)
        {
            return ApiResults.NotFound("Webhook", id);
        }

        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var body = document?.RootElement;
        if (body is { ValueKind: not JsonValueKind.Object })
        {
            throw ApiException.BadRequest("The request body must be a JSON object.");
        }

        string? url = null;
        IReadOnlyList<string>? events = null;
        bool? enabled = null;
        if (body is { } changes)
        {
            url = changes.TryGetProperty("url", out var u) && u.ValueKind != JsonValueKind.Null ? WebhookChangesReader.Url(u, outbound) : null;
            events = changes.TryGetProperty("events", out var e) && e.ValueKind != JsonValueKind.Null ? WebhookChangesReader.Events(e) : null;
            enabled = changes.TryGetProperty("enabled", out var n) && n.ValueKind != JsonValueKind.Null ? WebhookChangesReader.Enabled(n) : null;
        }

        var updated = await store.UpdateAsync(caller.TeamspaceId, id, url, events, enabled, context.RequestAborted).ConfigureAwait(false);
        return updated is null ? ApiResults.NotFound("Webhook", id) : ApiResults.Json(WebhookResponse.From(updated), WebhooksJsonContext.Default.WebhookResponse);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, WebhookStore store)
        => await store.DeleteAsync(context.Caller().TeamspaceId, id, context.RequestAborted).ConfigureAwait(false)
            ? Results.NoContent()
            : ApiResults.NotFound("Webhook", id);

    private static async Task<IResult> DeliveriesAsync(string id, HttpContext context, WebhookStore store)
    {
        var teamspace = context.Caller().TeamspaceId;
        if (await store.FindAsync(teamspace, id, context.RequestAborted).ConfigureAwait(false) is null)
        {
            return ApiResults.NotFound("Webhook", id);
        }

        var page = PageQuery.Read(context.Request);
        var rows = await store.ListDeliveriesAsync(teamspace, id, Pages.Probe(page), context.RequestAborted).ConfigureAwait(false);
        var attempts = await store.ListAttemptsAsync([.. rows.Select(r => r.Id)], context.RequestAborted).ConfigureAwait(false);
        var list = Pages.From(rows, page, d => WebhookDeliveryResponse.From(d, attempts.GetValueOrDefault(d.Id) ?? []));
        return ApiResults.Json(list, WebhooksJsonContext.Default.ListResponseWebhookDeliveryResponse);
    }
}
