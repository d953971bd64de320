using System.Text.Json;
using Parley.Storage.Agents;

namespace Parley.Server.Agents;

/// <summary>An agent as the API shows it (the SDK's <c>Agent</c>, plus Parley's <c>voice_preset</c> and <c>is_default</c>).</summary>
/// <remarks>
/// The SDK types <c>llm_model</c> and <c>agent_model</c> as non-null strings, so an agent that never set them shows
/// defaults: the model that really answers (<c>parley-embedded</c>) and Datagrid's documented default agent model.
/// </remarks>
internal sealed record AgentResponse
{
    /// <summary>Shown as <c>llm_model</c> when the agent sets none: the embedded agent answers every turn.</summary>
    public const string DefaultLlmModel = Parley.Agents.Embedded.EmbeddedChatClient.ModelId;

    /// <summary>Shown as <c>agent_model</c> when the agent sets none: Datagrid's default agent model.</summary>
    public const string DefaultAgentModel = "magpie-2.0";

    public required string Id { get; init; }
    public string Object => "agent";
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? Emoji { get; init; }
    public string? SystemPrompt { get; init; }
    public string? CustomPrompt { get; init; }
    public string? PlanningPrompt { get; init; }
    public required string LlmModel { get; init; }
    public required string AgentModel { get; init; }
    public double? Temperature { get; init; }
    public string? VoicePreset { get; init; }
    public required IReadOnlyList<AgentToolRef> Tools { get; init; }
    public IReadOnlyList<AgentToolRef>? DisabledTools { get; init; }
    public IReadOnlyList<string>? KnowledgeIds { get; init; }
    public IReadOnlyList<JsonElement>? Corpus { get; init; }
    public required IReadOnlyList<JsonElement> McpServers { get; init; }

    /// <summary>Parley's own: the agent's webhook tools, secret references shown as written.</summary>
    public required IReadOnlyList<AgentWebhook> Webhooks { get; init; }
    public bool IsDefault { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public static AgentResponse From(AgentRecord agent)
    {
        var spec = agent.Spec;
        return new AgentResponse
        {
            Id = agent.Id,
            Name = agent.Name,
            Description = spec.Description,
            Emoji = spec.Emoji,
            SystemPrompt = spec.SystemPrompt,
            CustomPrompt = spec.CustomPrompt,
            PlanningPrompt = spec.PlanningPrompt,
            LlmModel = spec.LlmModel ?? DefaultLlmModel,
            AgentModel = spec.AgentModel ?? DefaultAgentModel,
            Temperature = spec.Temperature,
            VoicePreset = spec.VoicePreset,
            Tools = Parley.Tools.EnabledTools.Of(spec),
            DisabledTools = spec.DisabledTools,
            KnowledgeIds = spec.KnowledgeIds,
            Corpus = spec.Corpus,
            McpServers = spec.McpServers ?? [],
            Webhooks = spec.Webhooks ?? [],
            IsDefault = agent.IsDefault,
            CreatedAt = agent.CreatedAt,
            UpdatedAt = agent.UpdatedAt,
        };
    }
}
