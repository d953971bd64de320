using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Voice;

/// <summary>Audio sent faster than real time, inside the burst allowance, is heard like any other (what a file, or a client that buffered, sends).</summary>
[Collection(ServerCollection.Name)]
public sealed class FastAudioTests(ServerFixture server, ITestOutputHelper output)
{
    [Theory]
    [InlineData(0, 4096)] // at once, before the greeting plays
    [InlineData(800, 4096)] // while the greeting plays: once lost, its loudness compressed in time and taken for the agent's echo
    [InlineData(800, 320)]
    public async Task A_question_sent_at_six_times_real_time_is_heard_and_answered(int afterReadyMs, int chunkSamples)
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload()));
        await client.WaitForAsync<ReadyMessage>();
        await Task.Delay(afterReadyMs);

        short[] audio = [.. TestSpeech.Say("what is twelve times seven"), .. TestSpeech.Silence(TimeSpan.FromSeconds(1.5))];
        for (var offset = 0; offset < audio.Length; offset += chunkSamples)
        {
            await client.SendAudioAsync(audio.AsSpan(offset, Math.Min(chunkSamples, audio.Length - offset)));
            await Task.Delay(TimeSpan.FromSeconds(chunkSamples / 16000.0 / 6));
        }

        var user = await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.User }, TimeSpan.FromSeconds(20), "the question's transcript");
        output.WriteLine(((TranscriptMessage)user.Message).Payload.Text);
        Assert.Contains("twelve", ((TranscriptMessage)user.Message).Payload.Text, StringComparison.Ordinal);
        await client.WaitForAsync(
            m => m is TranscriptMessage { Payload.Role: Roles.Agent } t && t.Payload.Text.Contains("eighty-four", StringComparison.OrdinalIgnoreCase),
            TimeSpan.FromSeconds(20),
            "the answer");
        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>();
    }
}
