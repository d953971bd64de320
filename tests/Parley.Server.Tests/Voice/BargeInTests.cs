using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Speech;

namespace Parley.Server.Tests.Voice;

/// <summary>Speech over the agent: a real barge-in cuts it off at once; a backchannel is no turn, and the reply goes on.</summary>
[Collection(ServerCollection.Name)]
public sealed class BargeInTests(ServerFixture server)
{
    private static readonly StartPayload Start = new()
    {
        VoiceConfig = new VoiceConfig { SilentStart = true },
    };

    [Fact]
    public async Task A_backchannel_while_the_agent_speaks_is_no_turn_and_the_agent_says_the_rest_of_its_reply()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(Start));
        await client.WaitForAsync<ReadyMessage>();
        await client.SendAsync(new TextMessage(new TextPayload { Text = "what can you do" }));
        await client.WaitForAsync<AudioMessage>();
        await client.StreamAsync([.. TestSpeech.Silence(TimeSpan.FromMilliseconds(300)), .. TestSpeech.Say("okay"), .. TestSpeech.Silence(TimeSpan.FromSeconds(1))]);
        await client.WaitForAgentToFinishAsync();

        // Never a turn. Its sound may cut the agent off (barge-in on sound, on by default): then the agent says the rest
        // of its reply, as a reply of its own (its transcript, then its audio), so nothing of the answer is lost.
        Assert.DoesNotContain(client.All, f => f.Message is TranscriptMessage { Payload.Role: Roles.User } t && t.Payload.Text != "what can you do");
        var frames = client.All.ToList();
        var cut = frames.FindIndex(f => f.Message is InterruptedMessage);
        if (cut >= 0)
        {
            var resumed = frames.FindIndex(cut, f => f.Message is TranscriptMessage { Payload.Role: Roles.Agent });
            Assert.True(resumed > cut, "cut off by a backchannel, the agent never said the rest of its reply");
            Assert.Contains(frames.Skip(resumed), f => f.Message is AudioMessage);
            Assert.Single(frames, f => f.Message is InterruptedMessage);
        }

        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>();
    }

    [Fact]
    public async Task Words_over_the_agent_cut_it_off_and_are_answered()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(Start));
        await client.WaitForAsync<ReadyMessage>();
        await client.SendAsync(new TextMessage(new TextPayload { Text = "what can you do" }));
        await client.WaitForAsync<AudioMessage>();
        var question = TestSpeech.Say("what time is it");
        var onset = client.Now + TimeSpan.FromMilliseconds(200);
        await client.StreamAsync([.. TestSpeech.Silence(TimeSpan.FromMilliseconds(200)), .. question, .. TestSpeech.Silence(TimeSpan.FromSeconds(1))]);

        var interrupted = await client.WaitForAsync<InterruptedMessage>();
        // Cut off while the user was still talking, not only once their turn had ended and been transcribed.
        var heard = await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.User }, what: "the user's words");
        Assert.True(interrupted.At < heard.At, $"interrupted {(interrupted.At - onset).TotalMilliseconds:F0} ms after the user began, after their words were final");
        var answer = await client.WaitForAsync(m => m is ToolCallMessage { Payload.ToolName: "get_current_time" }, what: "the time tool");
        Assert.True(answer.At > interrupted.At);

        await client.WaitForAgentToFinishAsync();
        await client.SendAsync(StopMessage.Instance);
        var ended = (EndedMessage)(await client.WaitForAsync<EndedMessage>()).Message;
        var cut = ended.Payload.Transcript[1];
        Assert.Equal(Roles.Agent, cut.Role);
        Assert.True(cut.Text.Length < 200, "the cut reply holds only what was heard");
    }
}
