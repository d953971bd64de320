using System.Text.Json.Serialization;
using Parley.Storage.Orchestration;

namespace Parley.Server.Orchestration;

/// <summary>A delegated task as the API shows it (the SDK's <c>VoiceOrchestratorTask</c>); optional fields are left out when empty.</summary>
internal sealed record OrchestratorTaskResponse
{
    public required string TaskId { get; init; }
    public required string Task { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AgentId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConversationId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? CompletedAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? AcknowledgedAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ErrorMessage { get; init; }

    /// <summary>On a single task only: lists leave results out, as Datagrid's do.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Result { get; init; }

    public static OrchestratorTaskResponse From(OrchestratorTaskRecord task, bool withResult) => new()
    {
        TaskId = task.Id,
        Task = task.Task,
        Status = task.Status,
        CreatedAt = task.CreatedAt,
        UpdatedAt = task.UpdatedAt,
        ExpiresAt = task.ExpiresAt,
        AgentId = task.AgentId,
        ConversationId = task.ConversationId,
        CompletedAt = task.CompletedAt,
        AcknowledgedAt = task.AcknowledgedAt,
        ErrorMessage = task.ErrorMessage,
        Result = withResult ? task.Result : null,
    };
}
