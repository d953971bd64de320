namespace Parley.Storage.Webhooks;

/// <summary>One attempt at a delivery: when, what the receiver answered (or why nothing came back), and how long it took.</summary>
public sealed record WebhookAttemptRecord
{
    public required string DeliveryId { get; init; }
    public DateTimeOffset AttemptedAt { get; init; }

    /// <summary>The receiver's HTTP status; null when no answer came (refused, timed out, connection failed).</summary>
    public int? StatusCode { get; init; }
    public string? Error { get; init; }
    public long DurationMs { get; init; }
}
