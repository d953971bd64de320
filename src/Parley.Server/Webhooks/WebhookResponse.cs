using Parley.Storage.Webhooks;

namespace Parley.Server.Webhooks;

/// <summary>A webhook as the SDK's <c>Webhook</c>; <c>secret</c> is present only in the answer to its creation.</summary>
internal sealed record WebhookResponse
{
    public required string Id { get; init; }
    public string Object => "webhook";
    public required string Url { get; init; }
    public required IReadOnlyList<string> Events { get; init; }
    public bool Enabled { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The signing secret, shown once: when the webhook is created.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    public static WebhookResponse From(WebhookRecord webhook, string? secret = null) => new()
    {
        Id = webhook.Id,
        Url = webhook.Url,
        Events = webhook.Events,
        Enabled = webhook.Enabled,
        CreatedAt = webhook.CreatedAt,
        UpdatedAt = webhook.UpdatedAt,
        Secret = secret,
    };
}

/// <summary>A page of webhooks as the SDK's <c>WebhookCursorPage</c> reads it: <c>data</c> and <c>next_cursor</c> (null on the last page).</summary>
internal sealed record WebhookListResponse(IReadOnlyList<WebhookResponse> Data, string? NextCursor, bool HasMore)
{
    public string Object => "list";
}

/// <summary>The answer of <c>listActiveForEvent</c>: <c>{"object": "list", "data": [...]}</c>.</summary>
internal sealed record WebhookActiveResponse(IReadOnlyList<WebhookResponse> Data)
{
    public string Object => "list";
}

/// <summary>Parley's own: one event's delivery to a webhook, and every attempt at it.</summary>
internal sealed record WebhookDeliveryResponse
{
    public required string Id { get; init; }
    public string Object => "webhook.delivery";
    public required string EventId { get; init; }
    public required string EventType { get; init; }

    /// <summary><c>pending</c> (waiting for its next attempt), <c>delivered</c> or <c>failed</c> (given up).</summary>
    public required string State { get; init; }
    public required IReadOnlyList<WebhookAttemptResponse> Attempts { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    public static WebhookDeliveryResponse From(WebhookDeliveryRecord delivery, IReadOnlyList<WebhookAttemptRecord> attempts) => new()
    {
        Id = delivery.Id,
        EventId = delivery.EventId,
        EventType = delivery.EventType,
        State = delivery.State,
        Attempts = [.. attempts.Select(a => new WebhookAttemptResponse(a.AttemptedAt, a.StatusCode, a.Error, a.DurationMs))],
        CreatedAt = delivery.CreatedAt,
        NextAttemptAt = delivery.State == WebhookDeliveryStates.Pending ? delivery.NextAttemptAt : null,
        CompletedAt = delivery.CompletedAt,
    };
}

/// <summary>One attempt: when, the receiver's status (null when none came), why it failed, how long it took.</summary>
internal sealed record WebhookAttemptResponse(DateTimeOffset AttemptedAt, int? StatusCode, string? Error, long DurationMs);
