using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Speech;

namespace Parley.Server.Tests.Voice;

/// <summary>A conversation carries over sessions: what the user said in one, the agent knows in the next.</summary>
[Collection(ServerCollection.Name)]
public sealed class ContinuityTests(ServerFixture server)
{
    [Fact]
    public async Task A_name_said_in_one_session_is_said_back_in_a_later_session_of_the_same_conversation()
    {
        string conversationId;
        await using (var first = await VoiceTestClient.ConnectAsync(server.VoiceUri()))
        {
            await first.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
            conversationId = ((StartedMessage)(await first.WaitForAsync<StartedMessage>()).Message).Payload.ConversationId;
            await first.StreamAsync([.. TestSpeech.Say("my name is alice"), .. TestSpeech.Silence(TimeSpan.FromSeconds(1))]);
            var heard = await first.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.User }, what: "the user's words");
            Assert.Equal("my name is alice", ((TranscriptMessage)heard.Message).Payload.Text);
            await first.WaitForAgentToFinishAsync();
            await first.SendAsync(StopMessage.Instance);
            await first.WaitForAsync<EndedMessage>();
        }

        await using var second = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await second.SendAsync(new StartMessage(new StartPayload { ConversationId = conversationId }));
        var welcome = await second.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent }, what: "the greeting");
        Assert.Contains("Alice", ((TranscriptMessage)welcome.Message).Payload.Text, StringComparison.Ordinal);
        await second.WaitForAgentToFinishAsync();
        await second.StreamAsync([.. TestSpeech.Say("what is my name"), .. TestSpeech.Silence(TimeSpan.FromSeconds(1))]);
        var answer = await second.WaitForAsync(
            m => m is TranscriptMessage { Payload.Role: Roles.Agent } t && t.Payload.Text.Contains("name", StringComparison.OrdinalIgnoreCase), what: "the answer");
        Assert.Equal("Your name is Alice.", ((TranscriptMessage)answer.Message).Payload.Text);
        await second.SendAsync(StopMessage.Instance);
        await second.WaitForAsync<EndedMessage>();
    }
}
