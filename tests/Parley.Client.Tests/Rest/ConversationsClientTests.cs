using Parley.Client.Conversations;
using Parley.Client.Errors;
using Parley.Client.Tests.Infrastructure;
using Parley.Protocol.Payloads;

namespace Parley.Client.Tests.Rest;

[Collection(ServerCollection.Name)]
public sealed class ConversationsClientTests(ServerFixture fixture)
{
    [Fact]
    public async Task Conversations_are_created_read_renamed_listed_and_deleted()
    {
        using var client = fixture.Server.Client();
        var agent = await client.Agents.CreateAsync(new Agents.AgentRequest { Name = "Host" });
        var created = await client.Conversations.CreateAsync(new ConversationRequest { Name = "Planning", AgentIds = [agent.Id] });
        Assert.Equal("conversation", created.Object);
        Assert.Equal([agent.Id], created.AgentIds);

        Assert.Equal("Planning", (await client.Conversations.GetAsync(created.Id)).Name);
        Assert.Equal("Planning 2", (await client.Conversations.UpdateAsync(created.Id, new ConversationRequest { Name = "Planning 2" })).Name);

        var oldestFirst = await client.Conversations.ListAsync(new ConversationListOptions { Sort = ConversationSort.UpdatedAt, Ascending = true, Limit = 100 });
        Assert.Contains(oldestFirst.Data, c => c.Id == created.Id);
        var all = new List<Conversation>();
        await foreach (var conversation in client.Conversations.ListAllAsync(new ConversationListOptions { Limit = 1 }))
        {
            all.Add(conversation);
        }

        Assert.Contains(all, c => c.Id == created.Id);
        Assert.Equal(all.Count, all.Select(c => c.Id).Distinct().Count());

        await client.Conversations.DeleteAsync(created.Id);
        await Assert.ThrowsAsync<ParleyNotFoundException>(() => client.Conversations.GetAsync(created.Id));
        await Assert.ThrowsAsync<ParleyNotFoundException>(() => client.Conversations.CreateAsync(new ConversationRequest { AgentIds = ["no-such-agent"] }));
    }

    [Fact]
    public async Task A_voice_session_is_a_message_with_its_transcript_and_timeline()
    {
        using var client = fixture.Server.Client();
        var conversation = await client.Conversations.CreateAsync();
        await using (var session = await client.VoiceSessions.ConnectAsync(new StartPayload { ConversationId = conversation.Id, VoiceConfig = new VoiceConfig { SilentStart = true } }))
        {
            await session.StartAsync();
            await using var events = new EventLog(session);
            await session.SendTextAsync("what is two plus two");
            await events.WaitForAgentLineAsync("four");
            await events.WaitForAgentToFinishAsync(); // Stopping earlier would cut the reply to what had been heard.
            await session.StopAsync();
        }

        var page = await client.Conversations.Messages.ListAsync(conversation.Id);
        var message = Assert.Single(page.Data);
        Assert.Equal("conversation.message", message.Object);
        Assert.Equal(conversation.Id, message.ConversationId);
        var voice = Assert.Single(message.Content);
        Assert.Equal("voice", voice.Type);
        Assert.Equal("what is two plus two", voice.Transcript);
        Assert.Contains("four", voice.AgentTranscript, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(voice.TimelineEvents!, e => e is { Type: "tool_call_status", ToolName: "calculator" });

        var same = await client.Conversations.Messages.GetAsync(conversation.Id, message.Id);
        Assert.Equal(message.Id, same.Id);
        var all = new List<Messages.ConversationMessage>();
        await foreach (var m in client.Conversations.Messages.ListAllAsync(conversation.Id))
        {
            all.Add(m);
        }

        Assert.Equal([message.Id], all.Select(m => m.Id));
        await Assert.ThrowsAsync<ParleyNotFoundException>(() => client.Conversations.Messages.GetAsync(conversation.Id, "no-such-message"));
    }
}
