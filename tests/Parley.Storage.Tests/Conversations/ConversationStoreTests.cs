using Parley.Storage.Conversations;
using Parley.Storage.Messages;
using Parley.Storage.Paging;
using Parley.Storage.Tests.Fixtures;

namespace Parley.Storage.Tests.Conversations;

public abstract class ConversationStoreTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : ConversationStoreTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : ConversationStoreTests(storage), IClassFixture<PostgresStorage>;

    private ConversationStore Conversations => new(Database, Time);

    private MessageStore Messages => new(Database, Time);

    [Fact]
    public async Task A_conversation_is_created_found_updated_and_deleted()
    {
        var teamspace = await NewTeamspaceAsync();
        var created = await Conversations.CreateAsync(teamspace, "Support call", ["agent-1", "agent-2"]);
        Assert.Equal(teamspace, created.TeamspaceId);
        Assert.Equal(Start, created.CreatedAt);
        Assert.Equal(Start, created.UpdatedAt);
        AssertSame(created, await Conversations.FindAsync(teamspace, created.Id));

        Time.Advance(TimeSpan.FromSeconds(30));
        var updated = await Conversations.UpdateAsync(teamspace, created.Id, null, ["agent-3"]);
        Assert.NotNull(updated);
        Assert.Null(updated.Name);
        Assert.Equal(["agent-3"], updated.AgentIds);
        Assert.Equal(Start, updated.CreatedAt);
        Assert.Equal(Start.AddSeconds(30), updated.UpdatedAt);
        AssertSame(updated, await Conversations.FindAsync(teamspace, created.Id));

        Assert.Null(await Conversations.UpdateAsync(teamspace, Ids.New(), "nobody", []));
        Assert.True(await Conversations.DeleteAsync(teamspace, created.Id));
        Assert.Null(await Conversations.FindAsync(teamspace, created.Id));
        Assert.False(await Conversations.DeleteAsync(teamspace, created.Id));
    }

    [Fact]
    public async Task A_conversation_without_name_or_agents_round_trips()
    {
        var teamspace = await NewTeamspaceAsync();
        var created = await Conversations.CreateAsync(teamspace, null, []);

        var found = await Conversations.FindAsync(teamspace, created.Id);

        AssertSame(created, found);
        Assert.Null(found!.Name);
        Assert.Empty(found.AgentIds);
    }

    [Fact]
    public async Task A_teamspace_cannot_find_update_delete_or_list_another_teamspaces_conversation()
    {
        var mine = await NewTeamspaceAsync();
        var theirs = await NewTeamspaceAsync();
        var conversation = await Conversations.CreateAsync(mine, "private", []);

        Assert.Null(await Conversations.FindAsync(theirs, conversation.Id));
        Assert.Null(await Conversations.UpdateAsync(theirs, conversation.Id, "stolen", []));
        Assert.False(await Conversations.DeleteAsync(theirs, conversation.Id));
        Assert.Empty(await Conversations.ListAsync(theirs, PageRequest.First(), ConversationSort.Default));
        Assert.Empty(await Conversations.ListAsync(theirs, PageRequest.First(), new ConversationSort(ByUpdatedAt: true)));

        AssertSame(conversation, await Conversations.FindAsync(mine, conversation.Id));
    }

    [Fact]
    public async Task Touching_adds_an_agent_once_and_moves_the_update_time()
    {
        var teamspace = await NewTeamspaceAsync();
        var conversation = await Conversations.CreateAsync(teamspace, "chat", ["agent-1"]);

        Time.Advance(TimeSpan.FromSeconds(1));
        await Conversations.TouchAsync(conversation.Id, "agent-2");
        Time.Advance(TimeSpan.FromSeconds(1));
        await Conversations.TouchAsync(conversation.Id, "agent-1");
        Time.Advance(TimeSpan.FromSeconds(1));
        await Conversations.TouchAsync(conversation.Id, agentId: null);
        await Conversations.TouchAsync(Ids.New(), "agent-9");

        var touched = await Conversations.FindAsync(teamspace, conversation.Id);
        Assert.NotNull(touched);
        Assert.Equal(["agent-1", "agent-2"], touched.AgentIds);
        Assert.Equal(Start, touched.CreatedAt);
        Assert.Equal(Start.AddSeconds(3), touched.UpdatedAt);
    }

    [Fact]
    public async Task Deleting_a_conversation_deletes_its_messages_and_their_timelines_and_nothing_else()
    {
        var teamspace = await NewTeamspaceAsync();
        var doomed = await Conversations.CreateAsync(teamspace, "doomed", []);
        var kept = await Conversations.CreateAsync(teamspace, "kept", []);
        var doomedMessages = new[] { Ids.New(), Ids.New() };
        var keptMessage = Ids.New();
        foreach (var (message, conversation) in doomedMessages.Select(m => (m, doomed.Id)).Append((keptMessage, kept.Id)))
        {
            await Messages.CreateVoiceMessageAsync(message, teamspace, conversation, agentId: null);
            await Messages.AppendEventAsync(message, new TimelineEvent { TimestampMs = 1, Type = TimelineEventTypes.Transcript, Role = "user", Text = "hi" });
            await Messages.AppendEventAsync(message, new TimelineEvent { TimestampMs = 2, Type = TimelineEventTypes.Transcript, Role = "agent", Text = "hello" });
        }

        Assert.True(await Conversations.DeleteAsync(teamspace, doomed.Id));

        Assert.Equal([0L], await QueryAsync<long>("SELECT COUNT(*) FROM messages WHERE conversation_id = @Id;", new { doomed.Id }));
        foreach (var message in doomedMessages)
        {
            Assert.Equal([0L], await QueryAsync<long>("SELECT COUNT(*) FROM timeline_events WHERE message_id = @Id;", new { Id = message }));
        }

        Assert.Equal(2, (await Messages.ListEventsAsync(keptMessage)).Count);
        Assert.NotNull(await Messages.FindAsync(teamspace, kept.Id, keptMessage));
        Assert.Equal(2, (await Messages.LoadTranscriptAsync(kept.Id)).Count);
    }

    private static void AssertSame(ConversationRecord expected, ConversationRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.AgentIds, actual.AgentIds);
        Assert.Equal(expected with { AgentIds = [] }, actual with { AgentIds = [] });
    }
}
