using Microsoft.Extensions.AI;

namespace Parley.Agents.Providers;

/// <summary>What a language model is told because it speaks on a call: how to talk, and when to open the call.</summary>
internal static class VoicePrompts
{
    /// <summary>The first system message of every request.</summary>
    public const string VoiceInstruction =
        "You are talking with someone by voice on a call. Answer in short spoken sentences, without markdown, lists or emoji, " +
        "since everything you write is read aloud. Keep most answers to one to three sentences, ask one question at a time, " +
        "and use the tools you have when they help.";

    /// <summary>The user-role cue added when the call opens and the caller has said nothing yet.</summary>
    public const string GreetingCue = "The call has just connected and the caller has not spoken yet. Greet them briefly.";

    /// <summary>Added to the cue when the session brought an initial context.</summary>
    public const string ContextCue = " Then explain the context of this conversation briefly.";

    /// <summary>
    /// How the session's system message for <c>initial_context</c> begins (see <c>VoiceSession.Instructions</c>
    /// in Parley.Sessions); matched by prefix so the cue can ask for the context to be explained.
    /// </summary>
    public const string InitialContextPrefix = "Context for this conversation";

    /// <summary>
    /// The messages to send: the voice instruction first, then <paramref name="messages"/>, with a greeting cue where
    /// the caller's turn would be when there is none, because chat APIs expect a user turn to answer.
    /// </summary>
    public static List<ChatMessage> Prepare(IEnumerable<ChatMessage> messages)
    {
        var prepared = new List<ChatMessage> { new(ChatRole.System, VoiceInstruction) };
        prepared.AddRange(messages);

        // Function invocation appends the model's tool calls and their results after the turn being answered, so
        // the turn is found before them, and the cue goes there on every round of the same reply.
        var end = prepared.Count;
        while (end > 1 && IsToolExchange(prepared[end - 1]))
        {
            end--;
        }

        if (prepared[end - 1].Role != ChatRole.User)
        {
            var hasContext = prepared.Any(m => m.Role == ChatRole.System && m.Text.StartsWith(InitialContextPrefix, StringComparison.Ordinal));
            prepared.Insert(end, new ChatMessage(ChatRole.User, GreetingCue + (hasContext ? ContextCue : "")));
        }

        return prepared;
    }

    private static bool IsToolExchange(ChatMessage message) =>
        message.Role == ChatRole.Tool
        || (message.Role == ChatRole.Assistant && message.Contents.Any(c => c is FunctionCallContent));
}
