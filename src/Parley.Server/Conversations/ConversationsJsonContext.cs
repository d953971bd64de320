using System.Text.Json.Serialization;
using Parley.Server.Api;

namespace Parley.Server.Conversations;

/// <summary>Source-generated JSON of the conversations API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ConversationRequest))]
[JsonSerializable(typeof(ConversationResponse))]
[JsonSerializable(typeof(ListResponse<ConversationResponse>))]
internal sealed partial class ConversationsJsonContext : JsonSerializerContext;
