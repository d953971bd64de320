using System.Text.Json.Serialization;

namespace Parley.Server.Api;

/// <summary>Source-generated JSON for the shared API shapes. Features keep their own contexts with the same options.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ApiError))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
