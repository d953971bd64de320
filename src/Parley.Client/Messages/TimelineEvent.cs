using Parley.Protocol.Payloads;

namespace Parley.Client.Messages;

/// <summary>One event of a voice message's timeline: a transcript line, a tool call status or citations.</summary>
public sealed record TimelineEvent
{
    /// <summary>Milliseconds from the start of the session.</summary>
    public long TimestampMs { get; init; }

    /// <summary><c>transcript</c>, <c>tool_call_status</c> or <c>citation</c>.</summary>
    public required string Type { get; init; }
    public string? Role { get; init; }
    public string? Text { get; init; }
    public string? ToolName { get; init; }
    public string? Status { get; init; }
    public IReadOnlyList<Citation>? Citations { get; init; }
}
