using System.Text.Json.Serialization;

namespace Parley.Server.Converse;

/// <summary>Source-generated JSON of <c>/v1/converse</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ConverseResponse))]
[JsonSerializable(typeof(ConverseToolCall))]
[JsonSerializable(typeof(ConverseStatusData))]
[JsonSerializable(typeof(ConverseDeltaData))]
[JsonSerializable(typeof(ConverseCitationsData))]
[JsonSerializable(typeof(ConverseErrorData))]
internal sealed partial class ConverseJsonContext : JsonSerializerContext;
