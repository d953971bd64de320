using System.Text.Json;
using Parley.Storage.Agents;

namespace Parley.Server.Agents;

/// <summary>An agent as the API shows it (the SDK's <c>Agent</c>, plus Parley's <c>voice_preset</c>, <c>recording</c> and <c>is_default</c>).</summary>
/// <remarks>
/// The SDK types <c>llm_model</c> and <c>agent_model</c> as non-null strings, so an agent that never set them shows
/// defaults: the server's default model, which really answers (<c>parley-embedded</c> unless configured otherwise),
/// and Datagrid's documented default agent model.
/// </remarks>
internal sealed record AgentResponse
{
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

    /// <summary>Parley's own: the recogniser for this agent's callers, as set (none: the server's default).</summary>
    public string? SttModel { get; init; }
    public required IReadOnlyList<AgentToolRef> Tools { get; init; }
    public IReadOnlyList<AgentToolRef>? DisabledTools { get; init; }
    public IReadOnlyList<string>? KnowledgeIds { get; init; }
    public IReadOnlyList<JsonElement>? Corpus { get; init; }
    public required IReadOnlyList<JsonElement> McpServers { get; init; }

    /// <summary>Parley's own: the agent's webhook tools, secret references shown as written.</summary>
    public required IReadOnlyList<AgentWebhook> Webhooks { get; init; }
    /// <summary>Parley's own: the agent's turn-taking settings as set (absent ones take the server's defaults).</summary>
    public AgentTurnTaking? TurnTaking { get; init; }

    /// <summary>Parley's own: false when the agent keeps its sessions unrecorded; true records them whenever the server records.</summary>
    public bool Recording { get; init; } = true;
    public bool IsDefault { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The API's view of <paramref name="agent"/>; <paramref name="models"/> says which model answers when it names none.</summary>
    public static AgentResponse From(AgentRecord agent, Parley.Agents.Providers.AgentModelOptions models)
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
            LlmModel = spec.LlmModel ?? ShownDefault(models),
            AgentModel = spec.AgentModel ?? DefaultAgentModel,
            Temperature = spec.Temperature,
            VoicePreset = spec.VoicePreset,
            SttModel = spec.SttModel,
            Tools = Parley.Tools.EnabledTools.Of(spec),
            DisabledTools = spec.DisabledTools,
            KnowledgeIds = spec.KnowledgeIds,
            Corpus = spec.Corpus,
            McpServers = spec.McpServers ?? [],
            Webhooks = spec.Webhooks ?? [],
            TurnTaking = spec.TurnTaking,
            Recording = spec.Recording != false,
            IsDefault = agent.IsDefault,
            CreatedAt = agent.CreatedAt,
            UpdatedAt = agent.UpdatedAt,
        };
    }

    private static string ShownDefault(Parley.Agents.Providers.AgentModelOptions models)
        => models.DefaultModel == Parley.Agents.Providers.AgentModelOptions.Embedded ? Parley.Agents.Embedded.EmbeddedChatClient.ModelId : models.DefaultModel;
}
