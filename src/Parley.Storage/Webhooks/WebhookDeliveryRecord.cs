namespace Parley.Storage.Webhooks;

/// <summary>One event's delivery to one webhook, with the event's JSON data (the body is built, and signed, at each attempt).</summary>
public sealed record WebhookDeliveryRecord
{
    public required string Id { get; init; }
    public required string WebhookId { get; init; }

    /// <summary>The event's id, the same in the deliveries of one event to several webhooks (the receiver's idempotency key).</summary>
    public required string EventId { get; init; }
    public required string EventType { get; init; }
    public required string DataJson { get; init; }
    public required string State { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
}
