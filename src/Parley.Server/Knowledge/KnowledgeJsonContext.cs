using System.Text.Json.Serialization;
using Parley.Server.Api;

namespace Parley.Server.Knowledge;

/// <summary>Source-generated JSON of the knowledge API; nulls are written, as the SDK's types declare them.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(KnowledgeResponse))]
[JsonSerializable(typeof(ListResponse<KnowledgeResponse>))]
[JsonSerializable(typeof(KnowledgeUpdateRequest))]
internal sealed partial class KnowledgeJsonContext : JsonSerializerContext;
