namespace Parley.Storage.Messages;

// Text messages: the turns of /v1/converse, one message per user prompt and one per agent answer.
public sealed partial class MessageStore
{
    /// <summary>Stores a text message; its tool calls and citations go in its timeline (<see cref="AppendEventsAsync"/>).</summary>
    public async Task<MessageRecord> CreateTextMessageAsync(
        string teamspaceId, string conversationId, string? agentId, string role, string text, CancellationToken cancellationToken = default)
    {
        var message = new MessageRecord
        {
            Id = Ids.New(),
            TeamspaceId = teamspaceId,
            ConversationId = conversationId,
            AgentId = agentId,
            Role = role,
            Kind = MessageKinds.Text,
            Text = text,
            CreatedAt = timeProvider.StorageNow(),
        };
        await database.ExecuteWriteAsync(
            $"INSERT INTO messages ({Columns}) VALUES (@Id, @TeamspaceId, @ConversationId, @AgentId, @Role, @Kind, @Text, NULL, 0, @CreatedAt, @CreatedAt);",
            message,
            cancellationToken).ConfigureAwait(false);
        return message with { EndedAt = message.CreatedAt };
    }
}
