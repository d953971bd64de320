using Parley.Storage.Conversations;
using Parley.Storage.Messages;
using Parley.Storage.Tests.Fixtures;

namespace Parley.Storage.Tests.Messages;

/// <summary>Timelines read in bounded windows, so no answer about a message is unbounded (issue 12, item 6).</summary>
public abstract class TimelineWindowTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : TimelineWindowTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : TimelineWindowTests(storage), IClassFixture<PostgresStorage>;

    private MessageStore Messages => new(Database, Time);

    [Fact]
    public async Task A_window_holds_at_most_its_events_and_characters_and_following_the_offset_reads_every_event_once()
    {
        var (teamspace, conversation) = await NewConversationAsync();
        var message = await NewMessageAsync(teamspace, conversation);
        var texts = Enumerable.Range(0, 250).Select(i => new string((char)('a' + (i % 26)), 1 + (i * 7 % 40))).ToList();
        foreach (var (text, i) in texts.Select((t, i) => (t, i)))
        {
            await Messages.AppendEventAsync(message, Line(i, text));
        }

        var budget = new TimelineBudget(MaxEvents: 30, MaxChars: 400, AtLeastOne: true);
        var read = new List<string>();
        for (var offset = 0; offset < 250;)
        {
            var window = (await Messages.ListEventWindowsAsync([message], offset, budget))[message];
            Assert.Equal(250, window.Total);
            Assert.Equal(offset, window.Offset);
            Assert.InRange(window.Events.Count, 1, 30);
            Assert.True(window.Events.Sum(e => e.Text!.Length) <= 400);
            read.AddRange(window.Events.Select(e => e.Text!));
            offset += window.Events.Count;
            Assert.Equal(offset < 250, window.HasMore);
        }

        Assert.Equal(texts, read);
        var past = (await Messages.ListEventWindowsAsync([message], 250, budget))[message];
        Assert.Empty(past.Events);
        Assert.Equal(250, past.Total);
        Assert.False(past.HasMore);
    }

    [Fact]
    public async Task An_event_over_the_budget_is_left_out_of_a_list_window_but_given_alone_when_asked_for()
    {
        var (teamspace, conversation) = await NewConversationAsync();
        var (huge, small, silent) = (await NewMessageAsync(teamspace, conversation), await NewMessageAsync(teamspace, conversation), await NewMessageAsync(teamspace, conversation));
        await Messages.AppendEventAsync(huge, Line(1, new string('x', 5000)));
        await Messages.AppendEventAsync(huge, Line(2, "after"));
        await Messages.AppendEventAsync(small, Line(1, "hello"));

        var list = await Messages.ListEventWindowsAsync([huge, small, silent, Ids.New()], 0, new TimelineBudget(10, 1000, AtLeastOne: false));
        Assert.Empty(list[huge].Events);
        Assert.Equal(2, list[huge].Total);
        Assert.True(list[huge].HasMore);
        Assert.Equal(["hello"], list[small].Events.Select(e => e.Text));
        Assert.False(list[small].HasMore);
        Assert.Equal(TimelineWindow.Empty(0), list[silent]);

        var alone = (await Messages.ListEventWindowsAsync([huge], 0, new TimelineBudget(10, 1000, AtLeastOne: true)))[huge];
        Assert.Equal(5000, Assert.Single(alone.Events).Text!.Length);
        Assert.Equal(["after"], (await Messages.ListEventWindowsAsync([huge], 1, new TimelineBudget(10, 1000, AtLeastOne: true)))[huge].Events.Select(e => e.Text));
    }

    private async Task<(string Teamspace, string Conversation)> NewConversationAsync()
    {
        var teamspace = await NewTeamspaceAsync();
        return (teamspace, (await new ConversationStore(Database, Time).CreateAsync(teamspace, "chat", [])).Id);
    }

    private async Task<string> NewMessageAsync(string teamspace, string conversation)
    {
        var id = Ids.New();
        await Messages.CreateVoiceMessageAsync(id, teamspace, conversation, agentId: null);
        return id;
    }

    private static TimelineEvent Line(long ms, string text)
        => new() { TimestampMs = ms, Type = TimelineEventTypes.Transcript, Role = MessageRoles.User, Text = text };
}
