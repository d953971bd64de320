namespace Parley.Storage.Webhooks;

/// <summary>Where a delivery stands.</summary>
public static class WebhookDeliveryStates
{
    /// <summary>Waiting for its next attempt.</summary>
    public const string Pending = "pending";

    /// <summary>The receiver answered 2xx.</summary>
    public const string Delivered = "delivered";

    /// <summary>Given up: every attempt failed for the whole retry period, or the webhook was disabled meanwhile.</summary>
    public const string Failed = "failed";
}
