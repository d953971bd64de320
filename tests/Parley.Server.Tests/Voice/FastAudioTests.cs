using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Voice;

/// <summary>Audio sent faster than real time, inside the burst allowance, is heard like any other.</summary>
[Collection(ServerCollection.Name)]
public sealed class FastAudioTests(ServerFixture server, ITestOutputHelper output)
{
    [Theory]
    [InlineData(true, 0, 4096)]
    [InlineData(true, 400, 4096)]
    [InlineData(true, 800, 4096)]
    [InlineData(true, 400, 320)]
    [InlineData(true, 800, 320)]
    [InlineData(false, 0, 320)]
    public async Task A_question_sent_at_six_times_real_time_just_after_ready_is_answered(bool greeting, int delayMs, int chunk)
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = greeting ? null : true } }));
        await client.WaitForAsync<ReadyMessage>();
        await Task.Delay(delayMs);

        short[] audio = [.. TestSpeech.Say("what is twelve times seven"), .. TestSpeech.Silence(TimeSpan.FromSeconds(1.5))];
        for (var offset = 0; offset < audio.Length; offset += chunk)
        {
            await client.SendAudioAsync(audio.AsSpan(offset, Math.Min(chunk, audio.Length - offset)));
            await Task.Delay(TimeSpan.FromSeconds(chunk / 16000.0 / 6));
        }

        var user = await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.User }, TimeSpan.FromSeconds(15), "user transcript");
        output.WriteLine(((TranscriptMessage)user.Message).Payload.Text);
        Assert.Contains("twelve", ((TranscriptMessage)user.Message).Payload.Text, StringComparison.Ordinal);
        await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent } t && t.Payload.Text.Contains("eighty-four", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(15), "answer");
        foreach (var f in client.All) output.WriteLine($"{f.At.TotalMilliseconds:F0} {f.Json[..Math.Min(120, f.Json.Length)]}");
    }
}
