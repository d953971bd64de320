using Microsoft.Extensions.AI;
using Parley.Storage.Messages;

namespace Parley.Sessions.History;

/// <summary>What the agent is given each turn: its instructions and the conversation so far. Thread-safe.</summary>
internal sealed class ConversationHistory
{
    private readonly Lock _gate = new();
    private readonly List<ChatMessage> _messages = [];

    public ConversationHistory(IEnumerable<string> instructions, IEnumerable<TranscriptLine> earlier)
    {
        foreach (var instruction in instructions.Where(i => !string.IsNullOrWhiteSpace(i)))
        {
            _messages.Add(new ChatMessage(ChatRole.System, instruction));
        }

        foreach (var line in earlier)
        {
            Add(line.Role, line.Text);
        }
    }

    /// <summary>Adds a turn said by <paramref name="role"/> (user or agent).</summary>
    public void Add(string role, string text)
    {
        var chatRole = role == MessageRoles.User ? ChatRole.User : ChatRole.Assistant;
        lock (_gate)
        {
            _messages.Add(new ChatMessage(chatRole, text));
        }
    }

    /// <summary>A copy of the messages so far, for one reply.</summary>
    public IReadOnlyList<ChatMessage> Snapshot()
    {
        lock (_gate)
        {
            return [.. _messages];
        }
    }
}
