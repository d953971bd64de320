using Dapper;
using Parley.Storage.Database;

namespace Parley.Storage.Conversations;

/// <summary>Conversations, their voice messages, and the timelines written while sessions run.</summary>
public sealed class ConversationStore(ParleyDatabase database, TimeProvider timeProvider)
{
    private const string ConversationColumns = "id, teamspace_id, name, agent_id, created_at, updated_at";

    /// <summary>The conversation with this id in this teamspace, or null.</summary>
    public async Task<ConversationRecord?> FindAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<ConversationRecord>(
            $"SELECT {ConversationColumns} FROM conversations WHERE id = @Id AND teamspace_id = @TeamspaceId;",
            new { Id = id, TeamspaceId = teamspaceId }).ConfigureAwait(false);
    }

    /// <summary>Creates a conversation.</summary>
    public async Task<ConversationRecord> CreateAsync(string teamspaceId, string? agentId, string? name, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var conversation = new ConversationRecord
        {
            Id = Ids.New(),
            TeamspaceId = teamspaceId,
            AgentId = agentId,
            Name = name,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            $"INSERT INTO conversations ({ConversationColumns}) VALUES (@Id, @TeamspaceId, @Name, @AgentId, @CreatedAt, @UpdatedAt);",
            conversation).ConfigureAwait(false);
        return conversation;
    }

    /// <summary>Creates the voice message of a session, to which its timeline is appended.</summary>
    public async Task CreateVoiceMessageAsync(string messageId, string teamspaceId, string conversationId, string? agentId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO messages (id, teamspace_id, conversation_id, agent_id, role, kind, created_at)
            VALUES (@Id, @TeamspaceId, @ConversationId, @AgentId, @Role, 'voice', @Now);
            UPDATE conversations SET updated_at = @Now WHERE id = @ConversationId;
            """,
            new { Id = messageId, TeamspaceId = teamspaceId, ConversationId = conversationId, AgentId = agentId, Role = MessageRoles.Agent, Now = now })
            .ConfigureAwait(false);
    }

    /// <summary>Appends one event to a voice message's timeline, as it happens.</summary>
    public async Task AppendEventAsync(string messageId, TimelineEvent timelineEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timelineEvent);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO timeline_events (message_id, timestamp_ms, type, role, text, tool_name, status, citations_json)
            VALUES (@MessageId, @TimestampMs, @Type, @Role, @Text, @ToolName, @Status, @CitationsJson);
            """,
            new
            {
                MessageId = messageId,
                timelineEvent.TimestampMs,
                timelineEvent.Type,
                timelineEvent.Role,
                timelineEvent.Text,
                timelineEvent.ToolName,
                timelineEvent.Status,
                timelineEvent.CitationsJson,
            }).ConfigureAwait(false);
    }

    /// <summary>Marks a voice message finished with its length.</summary>
    public async Task EndVoiceMessageAsync(string messageId, long durationMs, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            UPDATE messages SET duration_ms = @DurationMs, ended_at = @Now WHERE id = @Id;
            UPDATE conversations SET updated_at = @Now WHERE id = (SELECT conversation_id FROM messages WHERE id = @Id);
            """,
            new { Id = messageId, DurationMs = durationMs, Now = now }).ConfigureAwait(false);
    }

    /// <summary>The timeline of one message, in order.</summary>
    public async Task<IReadOnlyList<TimelineEvent>> ListEventsAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<TimelineEvent>(
            "SELECT timestamp_ms, type, role, text, tool_name, status, citations_json FROM timeline_events WHERE message_id = @Id ORDER BY id;",
            new { Id = messageId }).ConfigureAwait(false);
        return rows.AsList();
    }

    /// <summary>Every transcript line of a conversation, oldest first: the history a continuing session starts from.</summary>
    public async Task<IReadOnlyList<TranscriptLine>> LoadTranscriptAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<TranscriptLine>(
            """
            SELECT e.role AS Role, e.text AS Text
            FROM timeline_events e JOIN messages m ON m.id = e.message_id
            WHERE m.conversation_id = @ConversationId AND e.type = @Type AND e.role IS NOT NULL AND e.text IS NOT NULL
            ORDER BY m.created_at, m.id, e.id;
            """,
            new { ConversationId = conversationId, Type = TimelineEventTypes.Transcript }).ConfigureAwait(false);
        return rows.AsList();
    }
}
