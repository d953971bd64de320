using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Parley.Tools.Webhooks;

/// <summary>Source-generated JSON for webhook results.</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
