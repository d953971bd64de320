using System.Net;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Converse;

/// <summary>A conversation may mix voice sessions and <c>/v1/converse</c> turns: each continues from the other's history.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConverseVoiceHistoryTests(ServerFixture server)
{
    [Fact]
    public async Task A_name_typed_to_converse_is_known_in_a_voice_session_and_one_said_there_is_known_to_converse()
    {
        using var api = server.Api();
        var told = (await api.PostAsync("/v1/converse", """{"prompt": "my name is alice"}""")).AssertStatus(HttpStatusCode.OK);
        var conversation = told.String("conversation_id");

        await using (var voice = await VoiceTestClient.ConnectAsync(server.VoiceUri()))
        {
            await voice.SendAsync(new StartMessage(new StartPayload { ConversationId = conversation, VoiceConfig = new VoiceConfig { SilentStart = true } }));
            await voice.WaitForAsync<ReadyMessage>();
            await voice.SendAsync(new TextMessage(new TextPayload { Text = "what is my name" }));
            var answer = await voice.WaitForAsync(
                m => m is TranscriptMessage { Payload.Role: Roles.Agent } t && t.Payload.Text.Contains("name", StringComparison.OrdinalIgnoreCase), what: "the answer");
            Assert.Equal("Your name is Alice.", ((TranscriptMessage)answer.Message).Payload.Text);

            await voice.SendAsync(new TextMessage(new TextPayload { Text = "my name is bob" }));
            await voice.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent } t && t.Payload.Text.Contains("Bob", StringComparison.Ordinal), what: "the agent taking the new name");
            await voice.WaitForAgentToFinishAsync();
            await voice.SendAsync(StopMessage.Instance);
            await voice.WaitForAsync<EndedMessage>();
        }

        var asked = (await api.PostAsync("/v1/converse", $$"""{"prompt": "what is my name", "conversation_id": "{{conversation}}"}""")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(conversation, asked.String("conversation_id"));
        Assert.Equal("Your name is Bob.", asked.Body.GetProperty("content")[0].GetProperty("text").GetString());
    }
}
