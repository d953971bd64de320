using System.Text.Json.Serialization;
using Parley.Protocol.Payloads;

namespace Parley.Server.Messages;

/// <summary>One event of a voice message's timeline; fields that do not apply to its type are left out.</summary>
internal sealed record TimelineEventResponse
{
    public long TimestampMs { get; init; }
    public required string Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Role { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ToolName { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Citation>? Citations { get; init; }
}
