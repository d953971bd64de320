namespace Parley.Storage.Webhooks;

/// <summary>An event to deliver to one webhook.</summary>
public sealed record NewDelivery(string WebhookId, string EventId, string EventType, string DataJson);
