using System.Text.Json.Serialization;

namespace Parley.Server.VoiceSessions;

/// <summary>Source-generated JSON of <c>POST /v1/voice</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(VoiceSessionResponse))]
internal sealed partial class VoiceSessionsJsonContext : JsonSerializerContext;
