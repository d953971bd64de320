using System.Text.Json;

namespace Parley.Storage.Agents;

/// <summary>Everything an agent is, but its identity: what the API accepts and returns, kept as one JSON document.</summary>
/// <remarks>Fields the runtime does not use yet (corpus, MCP servers, planning prompt, ...) are stored as given and returned faithfully.</remarks>
public sealed record AgentSpec
{
    public string? Description { get; init; }
    public string? Emoji { get; init; }
    public string? SystemPrompt { get; init; }
    public string? CustomPrompt { get; init; }
    public string? PlanningPrompt { get; init; }
    public string? LlmModel { get; init; }
    public string? AgentModel { get; init; }
    public double? Temperature { get; init; }

    /// <summary>Parley's own: the voice this agent speaks with unless a session asks for another (a voice, <c>provider/voice</c> or a preset).</summary>
    public string? VoicePreset { get; init; }

    /// <summary>Parley's own: false keeps this agent's sessions unrecorded; null or true records them when the server records (<c>Parley:Recordings:Enabled</c>).</summary>
    public bool? Recording { get; init; }

    /// <summary>Parley's own: the recogniser that hears this agent's callers (<c>provider</c>, <c>provider/model</c>, a listed model), as <see cref="LlmModel"/> picks the language model.</summary>
    public string? SttModel { get; init; }

    /// <summary>Parley's own: how the agent takes turns (endpointing, barge-in, idle prompt); null means the server's defaults.</summary>
    public AgentTurnTaking? TurnTaking { get; init; }

    /// <summary>Tools enabled for the agent; null means the defaults.</summary>
    public IReadOnlyList<AgentToolRef>? Tools { get; init; }

    /// <summary>Tools taken away from the defaults.</summary>
    public IReadOnlyList<AgentToolRef>? DisabledTools { get; init; }
    public IReadOnlyList<string>? KnowledgeIds { get; init; }
    public IReadOnlyList<JsonElement>? Corpus { get; init; }
    public IReadOnlyList<JsonElement>? McpServers { get; init; }

    /// <summary>Parley's own: HTTP endpoints the agent may call as tools.</summary>
    public IReadOnlyList<AgentWebhook>? Webhooks { get; init; }
}
