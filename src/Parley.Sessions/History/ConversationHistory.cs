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

    /// <summary>Adds messages as they are (a reply's tool calls and results).</summary>
    public void AddRange(IEnumerable<ChatMessage> messages)
    {
        lock (_gate)
        {
            _messages.AddRange(messages);
        }
    }

    /// <summary>The messages for one reply: the instructions, then as much of the latest conversation as fits the budget.</summary>
    /// <remarks>Tokens are estimated at four characters each; the oldest turns go first, and a tool result never stays without its call.</remarks>
    /// <param name="tokenBudget">How many tokens (estimated) the messages may take.</param>
    /// <param name="pending">A message not recorded (the user's words as they pause, for a reply prepared before their turn is sure), taken as the newest.</param>
    public IReadOnlyList<ChatMessage> Snapshot(int tokenBudget = int.MaxValue, ChatMessage? pending = null)
    {
        lock (_gate)
        {
            var instructions = _messages.TakeWhile(m => m.Role == ChatRole.System).ToList();
            var turns = _messages.Skip(instructions.Count).ToList();
            if (pending is not null)
            {
                turns.Add(pending);
            }

            var budget = (long)tokenBudget - instructions.Sum(Tokens);
            var keepFrom = turns.Count;
            // The newest turn always goes in, whatever its size.
            while (keepFrom > 0 && (keepFrom == turns.Count || budget - Tokens(turns[keepFrom - 1]) >= 0))
            {
                budget -= Tokens(turns[--keepFrom]);
            }

            while (keepFrom < turns.Count && turns[keepFrom].Role == ChatRole.Tool)
            {
                keepFrom++;
            }

            return [.. instructions, .. turns.Skip(keepFrom)];
        }
    }

    private static long Tokens(ChatMessage message)
        => 4 + (message.Text.Length + message.Contents.OfType<FunctionResultContent>().Sum(r => r.Result?.ToString()?.Length ?? 0)) / 4;
}
