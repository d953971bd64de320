using System.Text.Json;

namespace Parley.Client.Messages;

/// <summary>A content item of a message: <c>voice</c> (a session's transcripts and timeline) or <c>text</c>.</summary>
/// <remarks>One flat type rather than a class per kind, so that a kind added by a newer server still reads.</remarks>
public sealed record MessageContent
{
    /// <summary><c>voice</c> or <c>text</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The text of a <c>text</c> item.</summary>
    public string? Text { get; init; }

    /// <summary>What the user said in a voice session, a line per turn.</summary>
    public string? Transcript { get; init; }

    /// <summary>What the agent said (as heard), a line per reply.</summary>
    public string? AgentTranscript { get; init; }

    /// <summary>How long the session lasted; null while it runs.</summary>
    public long? DurationMs { get; init; }
    public IReadOnlyList<JsonElement>? AudioClips { get; init; }
    public IReadOnlyList<TimelineEvent>? TimelineEvents { get; init; }
}
