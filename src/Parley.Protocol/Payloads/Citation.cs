using System.Text.Json.Serialization;

namespace Parley.Protocol.Payloads;

/// <summary>One cited statement and the sources behind it.</summary>
public sealed record Citation
{
    /// <summary>The statement cited; on the wire, <c>citation</c>.</summary>
    [JsonPropertyName("citation")]
    public required string Text { get; init; }

    public required IReadOnlyList<CitationSource> Sources { get; init; }
}
