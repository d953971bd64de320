using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Client.Agents;
using Parley.Client.Conversations;
using Parley.Client.Errors;
using Parley.Client.Keys;
using Parley.Client.Knowledge;
using Parley.Client.Messages;
using Parley.Client.Paging;
using Parley.Client.Tools;
using Parley.Client.VoiceSessions;

namespace Parley.Client.Serialization;

/// <summary>Source-generated JSON of the REST API: snake_case, nulls left out of requests, unknown fields ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(ApiErrorBody))]
[JsonSerializable(typeof(Agent))]
[JsonSerializable(typeof(AgentRequest))]
[JsonSerializable(typeof(ListPage<Agent>))]
[JsonSerializable(typeof(Conversation))]
[JsonSerializable(typeof(ConversationRequest))]
[JsonSerializable(typeof(ListPage<Conversation>))]
[JsonSerializable(typeof(ConversationMessage))]
[JsonSerializable(typeof(ListPage<ConversationMessage>))]
[JsonSerializable(typeof(KnowledgeBase))]
[JsonSerializable(typeof(KnowledgeRename))]
[JsonSerializable(typeof(ListPage<KnowledgeBase>))]
[JsonSerializable(typeof(ApiKey))]
[JsonSerializable(typeof(ApiKeyRequest))]
[JsonSerializable(typeof(ListPage<ApiKey>))]
[JsonSerializable(typeof(ToolInfo))]
[JsonSerializable(typeof(ListPage<ToolInfo>))]
[JsonSerializable(typeof(VoiceSessionAnswer))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;
