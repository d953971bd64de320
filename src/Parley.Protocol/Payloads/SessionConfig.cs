namespace Parley.Protocol.Payloads;

/// <summary>Prompt overrides for one voice session.</summary>
public sealed record SessionConfig
{
    public string? SystemPrompt { get; init; }
    public string? CustomPrompt { get; init; }
}
