using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Agents.Tools;
using Parley.Protocol.Payloads;
using Parley.Server.Messages;
using Parley.Sessions.Converse;

namespace Parley.Server.Converse;

/// <summary>The answer of a converse call (the SDK's <c>ConverseResponse</c>): the stored agent message, with its tool calls.</summary>
/// <remarks><c>tool_calls</c> and <c>reasoning</c> are always present, null when empty, as Datagrid's non-streaming answers have them.</remarks>
internal sealed record ConverseResponse
{
    public required string Id { get; init; }
    public string Object => "conversation.message";
    public required string AgentId { get; init; }
    public required string ConversationId { get; init; }
    public string Role => "agent";
    public DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyList<Citation>? Citations { get; init; }
    public MessageCredits Credits { get; init; } = new(0);
    public required IReadOnlyList<TextContent> Content { get; init; }
    public IReadOnlyList<ConverseToolCall>? ToolCalls { get; init; }

    /// <summary>Parley's agents take no separate reasoning steps.</summary>
    public JsonElement? Reasoning => null;

    public static ConverseResponse From(ConverseUpdate.Finished finished, bool withCitations)
    {
        ArgumentNullException.ThrowIfNull(finished);
        var message = finished.Message;
        return new ConverseResponse
        {
            Id = message.Id,
            AgentId = message.AgentId ?? string.Empty,
            ConversationId = message.ConversationId,
            CreatedAt = message.CreatedAt,
            Citations = withCitations && finished.Citations.Count > 0 ? finished.Citations : null,
            Content = [new TextContent(message.Text ?? string.Empty)],
            ToolCalls = finished.ToolCalls.Count > 0 ? [.. finished.ToolCalls.Select(ConverseToolCall.From)] : null,
        };
    }
}

/// <summary>A tool call of a converse answer or stream (the SDK's <c>ConverseResponse.ToolCall</c>).</summary>
internal sealed record ConverseToolCall(string Id, string Status, ConverseToolDef Tool)
{
    public string Type => "tool_call";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Output { get; init; }

    public static ConverseToolCall From(ConverseUpdate.ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new(call.Id, call.Status, ConverseToolDef.For(call.ToolName)) { Output = call.Output };
    }
}

/// <summary>The tool of a call (the SDK's <c>ToolDef</c>): the catalog's entry, or the bare name for a webhook, MCP or task tool.</summary>
internal sealed record ConverseToolDef(string Name, string Label, string Description)
{
    public string Object => "tool";

    public static ConverseToolDef For(string name) => ToolCatalog.Find(name) is { } known
        ? new(known.Name, known.Label, known.Description)
        : new(name, name, string.Empty);
}
