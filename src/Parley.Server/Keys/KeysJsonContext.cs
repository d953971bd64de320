using System.Text.Json.Serialization;
using Parley.Server.Api;

namespace Parley.Server.Keys;

/// <summary>Source-generated JSON of the keys API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(ApiKeyResponse))]
[JsonSerializable(typeof(ListResponse<ApiKeyResponse>))]
internal sealed partial class KeysJsonContext : JsonSerializerContext;
