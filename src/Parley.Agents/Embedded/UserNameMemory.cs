using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace Parley.Agents.Embedded;

/// <summary>
/// Recalls the user's name from the conversation. The embedded agent keeps no state of its own: the voice session
/// replays earlier sessions of the same conversation as history, so the name is whatever the user last said it was.
/// </summary>
internal static class UserNameMemory
{
    /// <summary>The latest name the user gave in <paramref name="messages"/>, or null if they never said.</summary>
    public static string? FindLatest(IReadOnlyList<ChatMessage> messages)
    {
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            // Only the user's own words count: the agent saying "I'm Parley" names nobody.
            if (messages[i].Role == ChatRole.User && TryReadName(messages, i, out var name))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads a name from the user message at <paramref name="index"/>: an introduction, or a bare name given in
    /// answer to the agent asking what to call them.
    /// </summary>
    public static bool TryReadName(IReadOnlyList<ChatMessage> messages, int index, [NotNullWhen(true)] out string? name)
    {
        var tokens = TextNormalizer.Tokenize(messages[index].Text);
        if (IntroductionParser.TryParse(tokens, out name))
        {
            return true;
        }

        name = null;
        return AskedForName(messages, index) && IntroductionParser.TryParseBareName(tokens, out name);
    }

    // The assistant's words are only a cue here, never a source of the name: "alice" alone is a name only when
    // it answers "What should I call you?". A reply cut off before the question was not heard, so it does not count.
    private static bool AskedForName(IReadOnlyList<ChatMessage> messages, int index)
    {
        for (int i = index - 1; i >= 0; i--)
        {
            var message = messages[i];
            if (message.Role == ChatRole.System)
            {
                continue;
            }

            return message.Role == ChatRole.Assistant
                && message.Text.TrimEnd().EndsWith(SpokenReplies.AskForName, StringComparison.Ordinal);
        }

        return false;
    }
}
