using System.Net;
using System.Text.Json;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

[Collection(ServerCollection.Name)]
public sealed class ConversationsApiTests(ServerFixture server)
{
    [Fact]
    public async Task A_conversation_is_created_retrieved_renamed_listed_and_deleted()
    {
        using var api = server.Api(await server.CreateKeyAsync($"conv-{Guid.NewGuid():N}"));
        var agent = (await api.PostAsync("/v1/agents", """{"name": "A"}""")).Id;
        var created = (await api.PostAsync("/v1/conversations", """{"name": "Trip planning"}""")).AssertStatus(HttpStatusCode.Created);
        Assert.Equal("conversation", created.String("object"));
        Assert.Equal("Trip planning", created.String("name"));
        Assert.Empty(created.Body.GetProperty("agent_ids").EnumerateArray());
        var id = created.Id;

        var renamed = (await api.PatchAsync($"/v1/conversations/{id}", $$"""{"name": "Trip", "agent_ids": ["{{agent}}"]}""")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Trip", renamed.String("name"));
        Assert.Equal([agent], renamed.Body.GetProperty("agent_ids").EnumerateArray().Select(a => a.GetString()));
        (await api.PatchAsync($"/v1/conversations/{id}", """{"agent_ids": ["no-such-agent"]}""")).AssertError(HttpStatusCode.NotFound, "not_found");
        Assert.Equal("Trip", (await api.GetAsync($"/v1/conversations/{id}")).String("name"));

        var second = (await api.PostAsync("/v1/conversations", null)).AssertStatus(HttpStatusCode.Created).Id;
        var newestFirst = (await api.ListAllAsync("/v1/conversations", 1)).Select(c => c.GetProperty("id").GetString());
        Assert.Equal([second, id], newestFirst);
        var oldestFirst = (await api.ListAllAsync("/v1/conversations?direction=asc", 1)).Select(c => c.GetProperty("id").GetString());
        Assert.Equal([id, second], oldestFirst);
        await api.PatchAsync($"/v1/conversations/{id}", """{"name": "Trip again"}""");
        var byUpdate = (await api.ListAllAsync("/v1/conversations?sort=updated_at", 1)).Select(c => c.GetProperty("id").GetString());
        Assert.Equal([id, second], byUpdate);
        (await api.GetAsync("/v1/conversations?sort=name")).AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
        (await api.GetAsync("/v1/conversations?limit=0")).AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
        (await api.GetAsync("/v1/conversations?limit=ten")).AssertError(HttpStatusCode.BadRequest, "bad_request");

        (await api.DeleteAsync($"/v1/conversations/{id}")).AssertStatus(HttpStatusCode.NoContent);
        (await api.GetAsync($"/v1/conversations/{id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await api.GetAsync($"/v1/conversations/{id}/messages")).AssertError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_voice_session_is_one_message_whose_timeline_is_readable_while_it_runs()
    {
        using var api = server.Api();
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        var started = ((StartedMessage)(await client.WaitForAsync<StartedMessage>()).Message).Payload;
        await client.SendAsync(new TextMessage(new TextPayload { Text = "what is six times seven" }));
        await client.WaitForAgentToFinishAsync();

        // While the session runs: the message is there with the turn so far.
        var live = (await api.GetAsync($"/v1/conversations/{started.ConversationId}/messages/{started.MessageId}")).AssertStatus(HttpStatusCode.OK).Body;
        Assert.Equal("conversation.message", live.GetProperty("object").GetString());
        var voice = live.GetProperty("content")[0];
        Assert.Equal("voice", voice.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, voice.GetProperty("duration_ms").ValueKind);
        Assert.Equal("what is six times seven", voice.GetProperty("transcript").GetString());

        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>();
        await client.WaitForCloseAsync();

        var list = (await api.GetAsync($"/v1/conversations/{started.ConversationId}/messages")).AssertStatus(HttpStatusCode.OK).Body.GetProperty("data");
        var message = Assert.Single(list.EnumerateArray());
        Assert.Equal(started.MessageId, message.GetProperty("id").GetString());
        Assert.Equal(started.ConversationId, message.GetProperty("conversation_id").GetString());
        Assert.False(string.IsNullOrEmpty(message.GetProperty("agent_id").GetString()));
        Assert.Equal(0, message.GetProperty("credits").GetProperty("consumed").GetDouble());
        voice = message.GetProperty("content")[0];
        Assert.True(voice.GetProperty("duration_ms").GetInt64() > 0);
        Assert.Contains("forty-two", voice.GetProperty("agent_transcript").GetString(), StringComparison.OrdinalIgnoreCase);
        // The spoken reply is recorded (Recordings/RecordingTests checks the clips' audio); a typed turn has no user clip.
        var clip = Assert.Single(voice.GetProperty("audio_clips").EnumerateArray());
        Assert.Equal("agent", clip.GetProperty("participant").GetProperty("type").GetString());

        var events = voice.GetProperty("timeline_events").EnumerateArray().ToList();
        Assert.Equal(["transcript", "tool_call_status", "tool_call_status", "transcript"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(Roles.User, events[0].GetProperty("role").GetString());
        Assert.Equal("calculator", events[1].GetProperty("tool_name").GetString());
        Assert.Equal("started", events[1].GetProperty("status").GetString());
        Assert.Equal("completed", events[2].GetProperty("status").GetString());
        Assert.False(events[1].TryGetProperty("role", out _)); // fields of other types are left out
        Assert.True(events.Select(e => e.GetProperty("timestamp_ms").GetInt64()).SequenceEqual(events.Select(e => e.GetProperty("timestamp_ms").GetInt64()).Order()));

        using var stranger = server.Api(await server.CreateKeyAsync($"other-{Guid.NewGuid():N}"));
        (await stranger.GetAsync($"/v1/conversations/{started.ConversationId}/messages")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await stranger.GetAsync($"/v1/conversations/{started.ConversationId}/messages/{started.MessageId}")).AssertError(HttpStatusCode.NotFound, "not_found");
    }
}
