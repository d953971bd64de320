using System.Text.Json.Serialization;
using Parley.Server.Api;

namespace Parley.Server.Secrets;

/// <summary>Source-generated JSON of the secrets API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SecretCreateRequest))]
[JsonSerializable(typeof(SecretResponse))]
[JsonSerializable(typeof(ListResponse<SecretResponse>))]
internal sealed partial class SecretsJsonContext : JsonSerializerContext;
