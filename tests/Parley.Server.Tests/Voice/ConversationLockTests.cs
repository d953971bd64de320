using System.Net.WebSockets;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Voice;

/// <summary>One live session per conversation on a node of its own (the in-memory holds): a second is refused with <c>conversation_busy</c> until the first ends.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConversationLockTests(ServerFixture server)
{
    [Fact]
    public async Task A_second_session_on_a_live_conversation_is_refused_until_the_first_has_ended()
    {
        await using var first = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await first.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        var conversation = ((StartedMessage)(await first.WaitForAsync<StartedMessage>()).Message).Payload.ConversationId;
        var again = new StartPayload { ConversationId = conversation, VoiceConfig = new VoiceConfig { SilentStart = true } };

        await using (var second = await VoiceTestClient.ConnectAsync(server.VoiceUri()))
        {
            await second.SendAsync(new StartMessage(again));
            Assert.Equal(ErrorCodes.ConversationBusy, (await second.WaitForErrorAsync()).Code);
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, await second.WaitForCloseAsync());
        }

        // An ephemeral session stores nothing, so it may look at a live conversation.
        await using (var ephemeral = await VoiceTestClient.ConnectAsync(server.VoiceUri()))
        {
            await ephemeral.SendAsync(new StartMessage(again with { Ephemeral = true }));
            await ephemeral.WaitForAsync<StartedMessage>();
            await ephemeral.SendAsync(StopMessage.Instance);
            await ephemeral.WaitForCloseAsync();
        }

        await first.SendAsync(StopMessage.Instance);
        await first.WaitForAsync<EndedMessage>();
        await using var third = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await third.SendAsync(new StartMessage(again));
        Assert.Equal(conversation, ((StartedMessage)(await third.WaitForAsync<StartedMessage>()).Message).Payload.ConversationId);
        await third.SendAsync(StopMessage.Instance);
        await third.WaitForCloseAsync();
    }
}
