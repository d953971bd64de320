using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Protocol.Payloads;

namespace Parley.Protocol.Serialization;

/// <summary>Source-generated JSON for every payload of the wire: snake_case, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(StartPayload))]
[JsonSerializable(typeof(AudioPayload))]
[JsonSerializable(typeof(TextPayload))]
[JsonSerializable(typeof(StartedPayload))]
[JsonSerializable(typeof(TranscriptPayload))]
[JsonSerializable(typeof(ToolCallPayload))]
[JsonSerializable(typeof(CitationPayload))]
[JsonSerializable(typeof(ErrorPayload))]
[JsonSerializable(typeof(EndedPayload))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(IReadOnlyList<Citation>))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
