using System.Text.Json.Serialization;
using Parley.Protocol.Payloads;
using Parley.Server.Api;

namespace Parley.Server.Messages;

/// <summary>Source-generated JSON of the messages API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(MessageResponse))]
[JsonSerializable(typeof(ListResponse<MessageResponse>))]
[JsonSerializable(typeof(VoiceContent))]
[JsonSerializable(typeof(TextContent))]
[JsonSerializable(typeof(List<Citation>))]
internal sealed partial class MessagesJsonContext : JsonSerializerContext;
