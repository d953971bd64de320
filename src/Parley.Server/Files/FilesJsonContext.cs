using System.Text.Json.Serialization;
using Parley.Server.Api;

namespace Parley.Server.Files;

/// <summary>Source-generated JSON of the Files API; nulls are written, as the SDK's types declare them.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FileResponse))]
[JsonSerializable(typeof(ListResponse<FileResponse>))]
[JsonSerializable(typeof(FileUpdateRequest))]
internal sealed partial class FilesJsonContext : JsonSerializerContext;
