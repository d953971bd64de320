using Microsoft.Extensions.AI;

namespace Parley.Agents.Embedded;

/// <summary>What the embedded agent does next: say <see cref="Text"/> or make <see cref="ToolCall"/>.</summary>
internal sealed record PlannedReply(string? Text, FunctionCallContent? ToolCall)
{
    public static PlannedReply Say(string text) => new(text, null);

    public static PlannedReply Call(string toolName, Dictionary<string, object?> arguments) =>
        new(null, new FunctionCallContent("call_" + Guid.NewGuid().ToString("N"), toolName, arguments));
}
