using System.Text.Json;

namespace Parley.Client.Agents;

/// <summary>An agent: who answers in a voice session, with its prompts, voice, tools and knowledge.</summary>
public sealed record Agent
{
    public required string Id { get; init; }
    public string Object { get; init; } = "agent";
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? Emoji { get; init; }
    public string? SystemPrompt { get; init; }
    public string? CustomPrompt { get; init; }
    public string? PlanningPrompt { get; init; }

    /// <summary>The model that answers; <c>parley-embedded</c> when the agent sets none.</summary>
    public string? LlmModel { get; init; }
    public string? AgentModel { get; init; }
    public double? Temperature { get; init; }
    public string? VoicePreset { get; init; }
    public IReadOnlyList<AgentTool> Tools { get; init; } = [];
    public IReadOnlyList<AgentTool>? DisabledTools { get; init; }
    public IReadOnlyList<string>? KnowledgeIds { get; init; }
    public IReadOnlyList<JsonElement>? Corpus { get; init; }
    public IReadOnlyList<JsonElement>? McpServers { get; init; }

    /// <summary>Whether this is the teamspace's default agent, which answers sessions that name none.</summary>
    public bool IsDefault { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
