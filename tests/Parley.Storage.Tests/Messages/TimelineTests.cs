using Parley.Storage.Conversations;
using Parley.Storage.Messages;
using Parley.Storage.Tests.Fixtures;

namespace Parley.Storage.Tests.Messages;

public abstract class TimelineTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : TimelineTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : TimelineTests(storage), IClassFixture<PostgresStorage>;

    private MessageStore Messages => new(Database, Time);

    [Fact]
    public async Task Every_kind_of_event_comes_back_whole_and_in_the_order_it_was_appended()
    {
        var message = await NewMessageAsync(await NewConversationAsync());
        TimelineEvent[] events =
        [
            Line(10, MessageRoles.User, "What's 2 + 2? “Quickly” — ünïcödé 🎙"),
            new() { TimestampMs = 20, Type = TimelineEventTypes.ToolCallStatus, ToolName = "calculator", Status = "started" },
            new() { TimestampMs = 20, Type = TimelineEventTypes.ToolCallStatus, ToolName = "calculator", Status = "completed" },
            new() { TimestampMs = 25, Type = TimelineEventTypes.Citation, CitationsJson = """[{"title":"Menu","url":"https://example.com/m","snippet":"9–17"}]""" },
            Line(long.MaxValue / 2, MessageRoles.Agent, "Four."),
            Line(5, MessageRoles.User, "appended last, stamped earliest"),
        ];
        foreach (var e in events)
        {
            await Messages.AppendEventAsync(message, e);
        }

        Assert.Equal(events, await Messages.ListEventsAsync(message));
    }

    [Fact]
    public async Task The_timelines_of_several_messages_are_read_at_once_each_in_order()
    {
        var conversation = await NewConversationAsync();
        var (first, silent, third) = (await NewMessageAsync(conversation), await NewMessageAsync(conversation), await NewMessageAsync(conversation));
        // Appended interleaved, as concurrent sessions would.
        await Messages.AppendEventAsync(third, Line(1, MessageRoles.User, "third 1"));
        await Messages.AppendEventAsync(first, Line(1, MessageRoles.User, "first 1"));
        await Messages.AppendEventAsync(third, Line(2, MessageRoles.Agent, "third 2"));
        await Messages.AppendEventAsync(first, Line(2, MessageRoles.Agent, "first 2"));

        var timelines = await Messages.ListEventsAsync([first, silent, third, Ids.New()]);

        Assert.Equal([first, third], timelines.Keys.Order());
        Assert.Equal(["first 1", "first 2"], timelines[first].Select(e => e.Text));
        Assert.Equal(["third 1", "third 2"], timelines[third].Select(e => e.Text));
        Assert.Empty(await Messages.ListEventsAsync(silent));
        Assert.Empty(await Messages.ListEventsAsync(Ids.New()));
        Assert.Empty(await Messages.ListEventsAsync(Array.Empty<string>()));
        Assert.Equal(["third 1", "third 2"], (await Messages.ListEventsAsync([third]))[third].Select(e => e.Text));
    }

    [Fact]
    public async Task The_timelines_of_many_messages_are_read_at_once()
    {
        var conversation = await NewConversationAsync();
        var messages = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            var message = await NewMessageAsync(conversation);
            await Messages.AppendEventAsync(message, Line(i, MessageRoles.User, $"line {i}"));
            messages.Add(message);
        }

        var timelines = await Messages.ListEventsAsync(messages);

        Assert.Equal(120, timelines.Count);
        Assert.All(messages.Select((m, i) => (m, i)), x => Assert.Equal($"line {x.i}", Assert.Single(timelines[x.m]).Text));
    }

    [Fact]
    public async Task A_transcript_is_the_spoken_lines_of_the_conversations_messages_message_by_message()
    {
        var conversation = await NewConversationAsync();
        var first = await NewMessageAsync(conversation);
        Time.Advance(TimeSpan.FromSeconds(1));
        var second = await NewMessageAsync(conversation);
        var elsewhere = await NewMessageAsync(await NewConversationAsync());

        await Messages.AppendEventAsync(first, Line(10, MessageRoles.User, "hi"));
        await Messages.AppendEventAsync(first, new TimelineEvent { TimestampMs = 20, Type = TimelineEventTypes.ToolCallStatus, ToolName = "clock", Status = "started" });
        await Messages.AppendEventAsync(second, Line(5, MessageRoles.User, "again"));
        await Messages.AppendEventAsync(elsewhere, Line(1, MessageRoles.User, "not this conversation"));
        await Messages.AppendEventAsync(first, new TimelineEvent { TimestampMs = 25, Type = TimelineEventTypes.Citation, CitationsJson = "[]" });
        await Messages.AppendEventAsync(first, Line(30, MessageRoles.Agent, "hello"));
        await Messages.AppendEventAsync(first, new TimelineEvent { TimestampMs = 40, Type = TimelineEventTypes.Transcript, Role = MessageRoles.Agent });
        await Messages.AppendEventAsync(second, Line(6, MessageRoles.Agent, "sure"));

        var transcript = await Messages.LoadTranscriptAsync(conversation.Conversation);

        Assert.Equal(
            [new("user", "hi"), new("agent", "hello"), new("user", "again"), new("agent", "sure")],
            transcript);
        Assert.Empty(await Messages.LoadTranscriptAsync(Ids.New()));
    }

    [Fact]
    public async Task A_numbered_batch_written_again_after_a_lost_commit_is_stored_once()
    {
        var message = await NewMessageAsync(await NewConversationAsync());
        TimelineEvent[] first = [Line(1, MessageRoles.User, "what is two plus two"), Line(2, MessageRoles.Agent, "Four.")];
        TimelineEvent[] second = [Line(3, MessageRoles.User, "what time is it")];

        await Messages.AppendNumberedEventsAsync(message, 1, first);
        // The session saw the connection drop at the commit and cannot know it went through: it writes the batch again.
        await Messages.AppendNumberedEventsAsync(message, 1, first);
        await Messages.AppendNumberedEventsAsync(message, 3, second);
        await Messages.AppendNumberedEventsAsync(message, 3, second);
        await Messages.AppendEventAsync(message, Line(4, MessageRoles.Agent, "unnumbered, as text turns write"));
        await Messages.AppendEventAsync(message, Line(4, MessageRoles.Agent, "unnumbered, as text turns write"));

        Assert.Equal(
            ["what is two plus two", "Four.", "what time is it", "unnumbered, as text turns write", "unnumbered, as text turns write"],
            (await Messages.ListEventsAsync(message)).Select(e => e.Text));
    }

    private async Task<(string Teamspace, string Conversation)> NewConversationAsync()
    {
        var teamspace = await NewTeamspaceAsync();
        return (teamspace, (await new ConversationStore(Database, Time).CreateAsync(teamspace, "chat", [])).Id);
    }

    private async Task<string> NewMessageAsync((string Teamspace, string Conversation) where)
    {
        var id = Ids.New();
        await Messages.CreateVoiceMessageAsync(id, where.Teamspace, where.Conversation, agentId: null);
        return id;
    }

    private static TimelineEvent Line(long ms, string role, string text)
        => new() { TimestampMs = ms, Type = TimelineEventTypes.Transcript, Role = role, Text = text };
}
