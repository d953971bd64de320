using Parley.Storage.Agents;
using Parley.Storage.ApiKeys;
using Parley.Storage.Conversations;
using Parley.Storage.Messages;
using Parley.Storage.Teamspaces;

namespace Parley.Storage.Tests;

public sealed class StorageTests : IClassFixture<TestDatabase>
{
    private readonly TestDatabase _db;

    public StorageTests(TestDatabase db) => _db = db;

    [Fact]
    public async Task Migrating_again_changes_nothing() => await _db.Database.MigrateAsync();

    [Fact]
    public async Task Keys_are_found_by_their_value_stored_only_as_a_hash_and_stop_working_when_revoked()
    {
        var keys = new ApiKeyStore(_db.Database, _db.Time);
        var raw = ApiKeyHasher.NewKey();
        var stored = await keys.EnsureAsync(raw, TeamspaceStore.DefaultId, "test", isAdmin: false);
        Assert.Equal(raw[..10], stored.Prefix);
        Assert.Equal(stored.Id, (await keys.FindActiveAsync(raw))!.Id);
        Assert.Null(await keys.FindActiveAsync(raw + "x"));

        await using (var connection = await _db.Database.OpenAsync())
        {
            var hashes = await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT key_hash FROM api_keys;");
            Assert.DoesNotContain(raw, hashes);
            Assert.Contains(ApiKeyHasher.Hash(raw), hashes);
        }

        Assert.Equal(stored.Id, (await keys.EnsureAsync(raw, TeamspaceStore.DefaultId, "again", isAdmin: false)).Id);
        Assert.False(await keys.RevokeAsync(TestDatabase.OtherTeamspace, stored.Id));
        Assert.True(await keys.RevokeAsync(TeamspaceStore.DefaultId, stored.Id));
        Assert.Null(await keys.FindActiveAsync(raw));
    }

    [Fact]
    public async Task Each_teamspace_has_one_default_agent_and_cannot_see_another_teamspaces_agents()
    {
        var agents = new AgentStore(_db.Database, _db.Time);
        var first = await agents.GetDefaultAsync(TeamspaceStore.DefaultId);
        var again = await agents.GetDefaultAsync(TeamspaceStore.DefaultId);
        var other = await agents.GetDefaultAsync(TestDatabase.OtherTeamspace);
        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.True(first.IsDefault);
        Assert.Null(await agents.FindAsync(TestDatabase.OtherTeamspace, first.Id));
        Assert.Equal(first.Id, (await agents.FindAsync(TeamspaceStore.DefaultId, first.Id))!.Id);
    }

    [Fact]
    public async Task A_conversations_transcript_is_every_line_of_its_voice_messages_in_order()
    {
        var conversations = new ConversationStore(_db.Database, _db.Time);
        var messages = new MessageStore(_db.Database, _db.Time);
        var conversation = await conversations.CreateAsync(TeamspaceStore.DefaultId, "chat", []);
        Assert.Null(await conversations.FindAsync(TestDatabase.OtherTeamspace, conversation.Id));

        var first = Ids.New();
        await messages.CreateVoiceMessageAsync(first, TeamspaceStore.DefaultId, conversation.Id, agentId: null);
        await messages.AppendEventAsync(first, Line(10, MessageRoles.User, "hi"));
        await messages.AppendEventAsync(first, new TimelineEvent { TimestampMs = 20, Type = TimelineEventTypes.ToolCallStatus, ToolName = "calculator", Status = "started" });
        await messages.AppendEventAsync(first, Line(30, MessageRoles.Agent, "hello"));
        await messages.EndVoiceMessageAsync(first, 1500);

        _db.Time.Advance(TimeSpan.FromSeconds(1));
        var second = Ids.New();
        await messages.CreateVoiceMessageAsync(second, TeamspaceStore.DefaultId, conversation.Id, agentId: null);
        await messages.AppendEventAsync(second, Line(5, MessageRoles.User, "again"));
        await conversations.TouchAsync(conversation.Id, "agent-1");

        var transcript = await messages.LoadTranscriptAsync(conversation.Id);
        Assert.Equal([new TranscriptLine("user", "hi"), new TranscriptLine("agent", "hello"), new TranscriptLine("user", "again")], transcript);

        var events = await messages.ListEventsAsync(first);
        Assert.Equal([10L, 20L, 30L], events.Select(e => e.TimestampMs));
        Assert.Equal("calculator", events[1].ToolName);
        var touched = (await conversations.FindAsync(TeamspaceStore.DefaultId, conversation.Id))!;
        Assert.True(touched.UpdatedAt > conversation.CreatedAt);
        Assert.Equal(["agent-1"], touched.AgentIds);
    }

    private static TimelineEvent Line(long ms, string role, string text)
        => new() { TimestampMs = ms, Type = TimelineEventTypes.Transcript, Role = role, Text = text };
}
