using Parley.Storage.Conversations;
using Parley.Storage.Messages;
using Parley.Storage.Paging;
using Parley.Storage.Tests.Fixtures;
using Parley.Storage.Tests.Paging;

namespace Parley.Storage.Tests.Messages;

public abstract class MessageStoreTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : MessageStoreTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : MessageStoreTests(storage), IClassFixture<PostgresStorage>;

    private MessageStore Messages => new(Database, Time);

    [Fact]
    public async Task A_voice_message_is_created_open_and_ended_with_its_length()
    {
        var (teamspace, conversation) = await NewConversationAsync();
        var id = Ids.New();
        await Messages.CreateVoiceMessageAsync(id, teamspace, conversation, "agent-1");

        var open = await Messages.FindAsync(teamspace, conversation, id);
        Assert.Equal(
            new MessageRecord
            {
                Id = id, TeamspaceId = teamspace, ConversationId = conversation, AgentId = "agent-1", Role = MessageRoles.Agent,
                Kind = MessageKinds.Voice, Text = null, DurationMs = null, Credits = 0, CreatedAt = Start, EndedAt = null,
            },
            open);

        Time.Advance(TimeSpan.FromMilliseconds(1500));
        await Messages.EndVoiceMessageAsync(id, 1500);

        var ended = await Messages.FindAsync(teamspace, conversation, id);
        Assert.Equal(open! with { DurationMs = 1500, EndedAt = Start.AddMilliseconds(1500) }, ended);
    }

    [Fact]
    public async Task A_voice_message_without_agent_keeps_a_null_agent()
    {
        var (teamspace, conversation) = await NewConversationAsync();
        var id = Ids.New();
        await Messages.CreateVoiceMessageAsync(id, teamspace, conversation, agentId: null);

        Assert.Null((await Messages.FindAsync(teamspace, conversation, id))!.AgentId);
    }

    [Fact]
    public async Task A_message_is_found_only_through_its_own_conversation_and_teamspace()
    {
        var (teamspace, conversation) = await NewConversationAsync();
        var (otherTeamspace, otherConversation) = await NewConversationAsync();
        var id = Ids.New();
        await Messages.CreateVoiceMessageAsync(id, teamspace, conversation, agentId: null);

        Assert.NotNull(await Messages.FindAsync(teamspace, conversation, id));
        Assert.Null(await Messages.FindAsync(otherTeamspace, conversation, id));
        Assert.Null(await Messages.FindAsync(teamspace, otherConversation, id));
        Assert.Null(await Messages.FindAsync(teamspace, conversation, Ids.New()));
        Assert.Empty(await Messages.ListAsync(otherTeamspace, conversation, PageRequest.First()));
        Assert.Empty(await Messages.ListAsync(teamspace, otherConversation, PageRequest.First()));
    }

    [Fact]
    public async Task Messages_are_listed_oldest_first_page_by_page_after_and_before_a_cursor()
    {
        var (teamspace, conversation) = await NewConversationAsync();
        var m = await CreateMessagesAsync(teamspace, conversation, 5);
        var (_, otherConversation) = await NewConversationAsync();
        await CreateMessagesAsync(teamspace, otherConversation, 2);

        Assert.Equal([m[0], m[1]], await IdsAsync(teamspace, conversation, PageRequest.First(2)));
        Assert.Equal([m[2], m[3]], await IdsAsync(teamspace, conversation, new PageRequest(m[1], null, 2)));
        Assert.Equal([m[4]], await IdsAsync(teamspace, conversation, new PageRequest(m[3], null, 2)));
        Assert.Empty(await IdsAsync(teamspace, conversation, new PageRequest(m[4], null, 2)));
        Assert.Equal([m[1], m[2]], await IdsAsync(teamspace, conversation, new PageRequest(null, m[3], 2)));
        Assert.Empty(await IdsAsync(teamspace, conversation, new PageRequest(null, m[0], 2)));

        var page = await Messages.ListAsync(teamspace, conversation, PageRequest.First());
        Assert.Equal(Enumerable.Range(0, 5).Select(i => Start.AddSeconds(i)), page.Select(x => x.CreatedAt));
        Assert.Equal(m, await PageWalk.ForwardAsync(p => IdsAsync(teamspace, conversation, p), limit: 2));
        Assert.Equal(m[..^1], await PageWalk.BackwardAsync(p => IdsAsync(teamspace, conversation, p), limit: 2, m[^1]));
    }

    [Fact]
    public async Task Paging_neither_repeats_nor_skips_messages_while_new_ones_are_created()
    {
        var (teamspace, conversation) = await NewConversationAsync();
        var m = await CreateMessagesAsync(teamspace, conversation, 7);

        var seen = await PageWalk.ForwardAsync(p => IdsAsync(teamspace, conversation, p), limit: 3, PageWalk.FirstTimes(3, () => CreateMessagesAsync(teamspace, conversation, 2)));

        // Oldest first: what is created meanwhile comes after every old message, on the last pages.
        PageWalk.AssertStable(m, seen);
        Assert.Equal(m.Count + 6, seen.Count);
    }

    [Fact]
    public async Task Text_turns_and_voice_lines_make_one_history_in_the_order_they_were_said()
    {
        var (teamspace, conversation) = await NewConversationAsync();
        var voice = Ids.New();
        await Messages.CreateVoiceMessageAsync(voice, teamspace, conversation, "agent-1");
        await Messages.AppendEventsAsync(voice,
        [
            new TimelineEvent { TimestampMs = 1, Type = TimelineEventTypes.Transcript, Role = MessageRoles.User, Text = "my name is alice" },
            new TimelineEvent { TimestampMs = 2, Type = TimelineEventTypes.ToolCallStatus, ToolName = "calculator", Status = "started" },
            new TimelineEvent { TimestampMs = 3, Type = TimelineEventTypes.Transcript, Role = MessageRoles.Agent, Text = "Nice to meet you, Alice." },
        ]);
        var asked = await Messages.CreateTextMessageAsync(teamspace, conversation, null, MessageRoles.User, "what is my name");
        var answered = await Messages.CreateTextMessageAsync(teamspace, conversation, "agent-1", MessageRoles.Agent, "Your name is Alice.");

        Assert.Equal(
            [
                new TranscriptLine(MessageRoles.User, "my name is alice"), new TranscriptLine(MessageRoles.Agent, "Nice to meet you, Alice."),
                new TranscriptLine(MessageRoles.User, "what is my name"), new TranscriptLine(MessageRoles.Agent, "Your name is Alice."),
            ],
            await Messages.LoadTranscriptAsync(conversation));
        Assert.Equal(
            answered with { EndedAt = answered.CreatedAt },
            await Messages.FindAsync(teamspace, conversation, answered.Id));
        Assert.Equal((MessageKinds.Text, MessageRoles.User, (string?)null), (asked.Kind, asked.Role, asked.AgentId));
    }

    private async Task<(string Teamspace, string Conversation)> NewConversationAsync()
    {
        var teamspace = await NewTeamspaceAsync();
        return (teamspace, (await new ConversationStore(Database, Time).CreateAsync(teamspace, "chat", [])).Id);
    }

    /// <summary>Creates voice messages one second apart; returns their ids, oldest first.</summary>
    private async Task<List<string>> CreateMessagesAsync(string teamspace, string conversation, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = Ids.New();
            await Messages.CreateVoiceMessageAsync(id, teamspace, conversation, agentId: null);
            ids.Add(id);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        return ids;
    }

    private async Task<IEnumerable<string>> IdsAsync(string teamspace, string conversation, PageRequest page)
        => (await Messages.ListAsync(teamspace, conversation, page)).Select(x => x.Id);
}
