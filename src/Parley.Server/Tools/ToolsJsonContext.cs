using System.Text.Json.Serialization;
using Parley.Server.Api;

namespace Parley.Server.Tools;

/// <summary>Source-generated JSON of the tools API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ToolResponse))]
[JsonSerializable(typeof(ListResponse<ToolResponse>))]
internal sealed partial class ToolsJsonContext : JsonSerializerContext;
