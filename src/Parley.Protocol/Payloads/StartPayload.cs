namespace Parley.Protocol.Payloads;

/// <summary>Payload of <c>start</c>: the <c>POST /v1/voice</c> request body; every field optional.</summary>
public sealed record StartPayload
{
    public string? AgentId { get; init; }
    public string? ConversationId { get; init; }
    public string? VoiceMode { get; init; }
    public SessionConfig? Config { get; init; }
    public VoiceConfig? VoiceConfig { get; init; }
    public string? InitialMessage { get; init; }
    public string? InitialContext { get; init; }
    public bool? Ephemeral { get; init; }
    public IReadOnlyList<string>? KnowledgeIds { get; init; }
    public IReadOnlyList<string>? FileIds { get; init; }
    public IReadOnlyList<string>? PageIds { get; init; }
    public IReadOnlyList<string>? SecretIds { get; init; }
    public UserInfo? User { get; init; }
}
