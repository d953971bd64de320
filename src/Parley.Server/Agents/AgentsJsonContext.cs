using System.Text.Json.Serialization;
using Parley.Server.Api;

namespace Parley.Server.Agents;

/// <summary>Source-generated JSON of the agents API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AgentResponse))]
[JsonSerializable(typeof(ListResponse<AgentResponse>))]
internal sealed partial class AgentsJsonContext : JsonSerializerContext;
