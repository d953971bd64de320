using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Speech;

namespace Parley.Server.Tests.Voice;

/// <summary>The silence that ends a turn depends on whether the words so far look finished.</summary>
[Collection(ServerCollection.Name)]
public sealed class EndpointingTests(ServerFixture server)
{
    [Fact]
    public async Task A_pause_after_and_does_not_cut_the_user_off()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        await client.WaitForAsync<ReadyMessage>();

        // 600 ms of thinking after "and": longer than the short endpoint, shorter than the one for unfinished words.
        short[] halting = [.. TestSpeech.Say("what is twelve times seven and"), .. TestSpeech.Silence(TimeSpan.FromMilliseconds(600)), .. TestSpeech.Say("what time is it"), .. TestSpeech.Silence(TimeSpan.FromSeconds(1.5))];
        await client.StreamAsync(halting);

        // Waits for the words after the pause (the turn's end, or its second half if it was split), however busy the machine.
        await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.User } t && t.Payload.Text.EndsWith("is it", StringComparison.Ordinal), what: "the end of the turn");
        var user = client.All.Select(f => f.Message).OfType<TranscriptMessage>().Where(t => t.Payload.Role == Roles.User).ToList();
        var turn = Assert.Single(user);
        Assert.StartsWith("what is twelve times seven and", turn.Payload.Text, StringComparison.Ordinal);
        Assert.EndsWith("is it", turn.Payload.Text, StringComparison.Ordinal);

        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>();
    }
}
