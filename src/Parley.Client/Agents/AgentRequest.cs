namespace Parley.Client.Agents;

/// <summary>The fields of an agent to create or change; a null field is not sent, so an update leaves it as it is.</summary>
public sealed record AgentRequest
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Emoji { get; init; }
    public string? SystemPrompt { get; init; }
    public string? CustomPrompt { get; init; }
    public string? PlanningPrompt { get; init; }
    public string? LlmModel { get; init; }
    public string? AgentModel { get; init; }

    /// <summary>0 to 2.</summary>
    public double? Temperature { get; init; }

    /// <summary>A voice the server knows (422 otherwise).</summary>
    public string? VoicePreset { get; init; }

    /// <summary>Tools by name from <c>GET /v1/tools</c> (422 for an unknown one).</summary>
    public IReadOnlyList<AgentTool>? Tools { get; init; }
    public IReadOnlyList<AgentTool>? DisabledTools { get; init; }

    /// <summary>Knowledge the agent searches; each must exist (404 otherwise).</summary>
    public IReadOnlyList<string>? KnowledgeIds { get; init; }
}
