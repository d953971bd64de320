namespace Parley.Storage.Webhooks;

/// <summary>A delivery due for an attempt, with where it goes now (the webhook's current URL and secret) and whether the webhook is still enabled.</summary>
public sealed record DueDelivery(WebhookDeliveryRecord Delivery, string Url, string ProtectedSecret, bool Enabled);
