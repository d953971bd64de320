using Microsoft.Extensions.AI;

namespace Parley.Sessions.Replies;

/// <summary>The tool calls of a reply and their results, as history messages, without the reply's text.</summary>
/// <remarks>The text goes into history as heard (it may have been cut); the tool results go in whole, so a later turn
/// sees that the tool already ran and its answer, and never runs it again for the same request.</remarks>
internal static class ToolExchange
{
    public static IReadOnlyList<ChatMessage> From(IReadOnlyList<ChatResponseUpdate> updates)
    {
        if (!updates.Any(u => u.Contents.Any(IsTool)))
        {
            return [];
        }

        return [.. updates.ToChatResponse().Messages
            .Select(m => new ChatMessage(m.Role, [.. m.Contents.Where(IsTool)]))
            .Where(m => m.Contents.Count > 0)];
    }

    private static bool IsTool(AIContent content) => content is FunctionCallContent or FunctionResultContent;
}
