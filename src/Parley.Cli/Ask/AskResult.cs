using Parley.Protocol.Payloads;

namespace Parley.Cli.Ask;

/// <summary>What one asked turn produced: the transcripts, the tool calls and the answer's audio file.</summary>
internal sealed record AskResult
{
    public required string ConversationId { get; init; }
    public required string SessionId { get; init; }
    public required string MessageId { get; init; }

    /// <summary>What the server heard the user say.</summary>
    public required string UserTranscript { get; init; }

    /// <summary>What the agent said, as heard.</summary>
    public required string AgentTranscript { get; init; }
    public required IReadOnlyList<AskToolCall> ToolCalls { get; init; }

    /// <summary>The session's whole transcript, turn by turn.</summary>
    public required IReadOnlyList<TranscriptPayload> Transcript { get; init; }
    public required AskAudio Output { get; init; }

    /// <summary>Error frames the server sent on the way (none, normally).</summary>
    public IReadOnlyList<string>? Errors { get; init; }
}
