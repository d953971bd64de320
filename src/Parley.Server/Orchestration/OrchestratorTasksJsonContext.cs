using System.Text.Json.Serialization;

namespace Parley.Server.Orchestration;

/// <summary>Source-generated JSON of the task inbox.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OrchestratorTaskResponse))]
[JsonSerializable(typeof(OrchestratorTaskListResponse))]
internal sealed partial class OrchestratorTasksJsonContext : JsonSerializerContext;
