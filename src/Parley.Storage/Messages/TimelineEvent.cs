namespace Parley.Storage.Messages;

/// <summary>One event of a voice message's timeline, at <see cref="TimestampMs"/> from the session's start.</summary>
public sealed record TimelineEvent
{
    public long TimestampMs { get; init; }
    public required string Type { get; init; }
    public string? Role { get; init; }
    public string? Text { get; init; }
    public string? ToolName { get; init; }
    public string? Status { get; init; }

    /// <summary>The citations of a <c>citation</c> event, as wire JSON.</summary>
    public string? CitationsJson { get; init; }
}
