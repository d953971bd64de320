namespace Parley.Protocol.Payloads;

/// <summary>A source of a citation.</summary>
public sealed record CitationSource
{
    public required string SourceName { get; init; }
    public required string Type { get; init; }
    public IReadOnlyList<string> Confirmations { get; init; } = [];
    public string? SourceId { get; init; }
    public string? SourceUri { get; init; }
}
