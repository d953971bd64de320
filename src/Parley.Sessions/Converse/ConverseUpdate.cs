using Parley.Protocol.Payloads;
using Parley.Storage.Messages;

namespace Parley.Sessions.Converse;

/// <summary>What a converse turn produces as it runs, in order: tool calls, text, citations, and finally the stored answer.</summary>
public abstract record ConverseUpdate
{
    /// <summary>A tool call began (<c>in_progress</c>) or ended (<c>completed</c>, <c>failed</c>, with its output).</summary>
    public sealed record ToolCall(string Id, string ToolName, string Status, string? Output) : ConverseUpdate;

    /// <summary>More of the answer's text.</summary>
    public sealed record Delta(string Text) : ConverseUpdate;

    /// <summary>Sources the answer draws on.</summary>
    public sealed record Cited(IReadOnlyList<Citation> Items) : ConverseUpdate;

    /// <summary>The answer, stored as the conversation's new agent message; <paramref name="ToolCalls"/> holds each call's final state.</summary>
    public sealed record Finished(MessageRecord Message, IReadOnlyList<Citation> Citations, IReadOnlyList<ToolCall> ToolCalls) : ConverseUpdate;
}
