using Microsoft.Extensions.DependencyInjection;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Engines;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Voice;

/// <summary>A server at rest holds no PocketSphinx decoder (Parley:Engines:PocketSphinx:HelperIdleTimeout); the first call starts it.</summary>
public sealed class ColdSpokenTurnTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_question_asked_the_moment_a_session_starts_on_a_server_at_rest_is_heard_and_answered()
    {
        await using var server = await ConfiguredServerFixture.StartAsync();
        var engines = await server.Services.GetRequiredService<EngineHost>().WhenReady;
        Assert.Equal(0, engines.Recognizer.Forked.ZygoteProcessId); // built at start-up to check it, then stopped

        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        await client.WaitForAsync<StartedMessage>();

        // Speech from the first chunk on, while the helper still builds its decoder (~0.3-0.4 s): heard once it is built.
        var question = TestSpeech.Say("what is twelve times seven");
        var streamStart = client.Now;
        await client.StreamAsync(question);
        var endOfSpeech = streamStart + TestSpeech.SpeechEnd(question);
        var silence = client.StreamAsync(TestSpeech.Silence(TimeSpan.FromSeconds(4)));

        var userLine = await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.User }, what: "user transcript");
        var userText = ((TranscriptMessage)userLine.Message).Payload.Text;
        Assert.Contains("twelve", userText, StringComparison.Ordinal);
        Assert.Contains("seven", userText, StringComparison.Ordinal);
        var answer = await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent }, what: "answer");
        Assert.Contains("eighty-four", ((TranscriptMessage)answer.Message).Payload.Text, StringComparison.OrdinalIgnoreCase);
        output.WriteLine($"user said: '{userText}' (final {(userLine.At - endOfSpeech).TotalMilliseconds:F0} ms after end of speech on a cold helper)");
        Assert.NotEqual(0, engines.Recognizer.Forked.ZygoteProcessId);

        await silence;
        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>();
        await client.WaitForCloseAsync();
    }
}
