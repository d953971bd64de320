namespace Parley.Storage.Agents;

/// <summary>A stored agent.</summary>
public sealed record AgentRecord
{
    public required string Id { get; init; }
    public required string TeamspaceId { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? Emoji { get; init; }
    public string? SystemPrompt { get; init; }
    public string? CustomPrompt { get; init; }
    public string? LlmModel { get; init; }
    public string? AgentModel { get; init; }
    public string? VoicePreset { get; init; }
    public bool IsDefault { get; init; }

    /// <summary>Fields the runtime does not interpret yet, kept as JSON so they round-trip faithfully.</summary>
    public string? ExtraJson { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
