using Dapper;
using Parley.Storage.Database;
using Parley.Storage.Paging;

namespace Parley.Storage.Messages;

/// <summary>Messages of conversations, and the timelines voice sessions write while they run.</summary>
public sealed partial class MessageStore(ParleyDatabase database, TimeProvider timeProvider)
{
    private const string Columns = "id, teamspace_id, conversation_id, agent_id, role, kind, text, duration_ms, credits, created_at, ended_at";
    private const string EventColumns = "message_id, timestamp_ms, type, role, text, tool_name, status, citations_json";

    /// <summary>Creates the voice message of a session, to which its timeline is appended.</summary>
    public async Task CreateVoiceMessageAsync(string messageId, string teamspaceId, string conversationId, string? agentId, CancellationToken cancellationToken = default)
    {
        await database.ExecuteWriteAsync(
            $"INSERT INTO messages ({Columns}) VALUES (@Id, @TeamspaceId, @ConversationId, @AgentId, @Role, @Kind, NULL, NULL, 0, @Now, NULL);",
            new { Id = messageId, TeamspaceId = teamspaceId, ConversationId = conversationId, AgentId = agentId, Role = MessageRoles.Agent, Kind = MessageKinds.Voice, Now = timeProvider.StorageNow() },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends one event to a voice message's timeline, as it happens.</summary>
    public Task AppendEventAsync(string messageId, TimelineEvent timelineEvent, CancellationToken cancellationToken = default)
        => AppendEventsAsync(messageId, [timelineEvent], cancellationToken);

    /// <summary>Appends events to a voice message's timeline in one transaction, in order: one write for what a session said meanwhile.</summary>
    public async Task AppendEventsAsync(string messageId, IReadOnlyList<TimelineEvent> timelineEvents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timelineEvents);
        await database.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(
                $"INSERT INTO timeline_events ({EventColumns}) VALUES (@MessageId, @TimestampMs, @Type, @Role, @Text, @ToolName, @Status, @CitationsJson);",
                timelineEvents.Select(e => new { MessageId = messageId, e.TimestampMs, e.Type, e.Role, e.Text, e.ToolName, e.Status, e.CitationsJson }),
                transaction),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Appends events numbered <paramref name="firstSequence"/>, <paramref name="firstSequence"/> + 1, … within the
    /// message, in one transaction, in order; an event whose number is stored already is skipped. So a batch written
    /// again after a write whose outcome was lost (the connection cut at the commit) is stored once, not twice.
    /// </summary>
    public async Task AppendNumberedEventsAsync(string messageId, long firstSequence, IReadOnlyList<TimelineEvent> timelineEvents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timelineEvents);
        await database.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(
                $"INSERT INTO timeline_events ({EventColumns}, seq) VALUES (@MessageId, @TimestampMs, @Type, @Role, @Text, @ToolName, @Status, @CitationsJson, @Seq) "
                + "ON CONFLICT (message_id, seq) DO NOTHING;",
                timelineEvents.Select((e, i) => new { MessageId = messageId, e.TimestampMs, e.Type, e.Role, e.Text, e.ToolName, e.Status, e.CitationsJson, Seq = firstSequence + i }),
                transaction),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks a voice message finished with its length.</summary>
    public async Task EndVoiceMessageAsync(string messageId, long durationMs, CancellationToken cancellationToken = default)
    {
        await database.ExecuteWriteAsync(
            "UPDATE messages SET duration_ms = @DurationMs, ended_at = @Now WHERE id = @Id;",
            new { Id = messageId, DurationMs = durationMs, Now = timeProvider.StorageNow() },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The message with this id in this conversation and teamspace, or null.</summary>
    public async Task<MessageRecord?> FindAsync(string teamspaceId, string conversationId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<MessageRecord>(
            $"SELECT {Columns} FROM messages WHERE id = @Id AND conversation_id = @ConversationId AND teamspace_id = @TeamspaceId;",
            new { Id = id, ConversationId = conversationId, TeamspaceId = teamspaceId }).ConfigureAwait(false);
    }

    /// <summary>A page of a conversation's messages, oldest first.</summary>
    public async Task<IReadOnlyList<MessageRecord>> ListAsync(string teamspaceId, string conversationId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var (where, orderBy, reverse) = Keyset.For(page, newestFirst: false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<MessageRecord>(
            $"SELECT {Columns} FROM messages WHERE conversation_id = @ConversationId AND teamspace_id = @TeamspaceId{where}{orderBy};",
            new { ConversationId = conversationId, TeamspaceId = teamspaceId, page.After, page.Before, page.Limit }).ConfigureAwait(false);
        return Keyset.Arrange(rows, reverse);
    }

    /// <summary>The timeline of one message, in order.</summary>
    public async Task<IReadOnlyList<TimelineEvent>> ListEventsAsync(string messageId, CancellationToken cancellationToken = default)
        => (await ListEventsAsync([messageId], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(messageId) ?? [];

    /// <summary>The timelines of several messages at once, each in order; messages without events are left out.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<TimelineEvent>>> ListEventsAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default)
    {
        if (messageIds.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<TimelineEvent>>();
        }

        // Dapper spells out `IN @Ids` for SQLite but hands Npgsql the whole array (`IN $1`, a syntax error there), so the
        // list is spelled out here: one text for both engines.
        var ids = messageIds.Distinct().ToArray();
        var parameters = new DynamicParameters();
        for (var i = 0; i < ids.Length; i++)
        {
            parameters.Add($"Id{i}", ids[i]);
        }

        var list = string.Join(", ", ids.Select((_, i) => $"@Id{i}"));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<TimelineEventRow>(
            $"SELECT {EventColumns} FROM timeline_events WHERE message_id IN ({list}) ORDER BY id;", parameters).ConfigureAwait(false);
        return rows.GroupBy(r => r.MessageId).ToDictionary(g => g.Key, g => (IReadOnlyList<TimelineEvent>)g.Select(r => r.ToEvent()).ToList());
    }

    /// <summary>
    /// Every line of a conversation, oldest first: the transcript lines of its voice sessions and its text turns
    /// (<c>/v1/converse</c>), so a voice session and a converse turn each continue from the other's history.
    /// </summary>
    public async Task<IReadOnlyList<TranscriptLine>> LoadTranscriptAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<TranscriptLine>(
            """
            SELECT line_role AS Role, line_text AS Text FROM (
                SELECT m.id AS message_id, e.id AS seq, e.role AS line_role, e.text AS line_text
                FROM timeline_events e JOIN messages m ON m.id = e.message_id
                WHERE m.conversation_id = @ConversationId AND e.type = @Type AND e.role IS NOT NULL AND e.text IS NOT NULL
                UNION ALL
                SELECT m.id, 0, m.role, m.text FROM messages m
                WHERE m.conversation_id = @ConversationId AND m.kind = @TextKind AND m.text IS NOT NULL
            ) lines
            ORDER BY message_id, seq;
            """,
            new { ConversationId = conversationId, Type = TimelineEventTypes.Transcript, TextKind = MessageKinds.Text }).ConfigureAwait(false);
        return rows.AsList();
    }

    private sealed record TimelineEventRow
    {
        public required string MessageId { get; init; }
        public long TimestampMs { get; init; }
        public required string Type { get; init; }
        public string? Role { get; init; }
        public string? Text { get; init; }
        public string? ToolName { get; init; }
        public string? Status { get; init; }
        public string? CitationsJson { get; init; }

        public TimelineEvent ToEvent() => new()
        {
            TimestampMs = TimestampMs, Type = Type, Role = Role, Text = Text, ToolName = ToolName, Status = Status, CitationsJson = CitationsJson,
        };
    }
}
