using System.Text.Json.Serialization;
using Parley.Server.Api;

namespace Parley.Server.Webhooks;

/// <summary>Source-generated JSON of the webhooks API and of the events delivered; nulls are written, as the SDK's types declare them.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WebhookResponse))]
[JsonSerializable(typeof(WebhookListResponse))]
[JsonSerializable(typeof(WebhookActiveResponse))]
[JsonSerializable(typeof(ListResponse<WebhookDeliveryResponse>))]
[JsonSerializable(typeof(VoiceSessionStartedData))]
[JsonSerializable(typeof(VoiceSessionEndedData))]
[JsonSerializable(typeof(KnowledgeEventData))]
internal sealed partial class WebhooksJsonContext : JsonSerializerContext;
