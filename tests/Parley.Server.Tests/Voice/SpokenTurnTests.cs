using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Engines;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage.Conversations;
using Parley.Storage.Messages;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Voice;

/// <summary>Whole spoken turns against the real server and engines, streamed like the iOS client.</summary>
[Collection(ServerCollection.Name)]
public sealed class SpokenTurnTests(ServerFixture server, ITestOutputHelper output)
{
    [Fact]
    public async Task A_spoken_question_is_heard_answered_and_spoken_back()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        var started = (StartedMessage)(await client.WaitForAsync<StartedMessage>()).Message;
        await client.WaitForAsync<ReadyMessage>();
        Assert.False(string.IsNullOrEmpty(started.Payload.SessionId));
        Assert.False(string.IsNullOrEmpty(started.Payload.ConversationId));
        Assert.False(string.IsNullOrEmpty(started.Payload.MessageId));

        var (userLine, userText, endOfSpeech, silence) = await AskTwelveTimesSevenAsync(client);

        var firstAudio = await client.WaitForAsync<AudioMessage>();
        output.WriteLine($"user said: '{userText}' (final {(userLine.At - endOfSpeech).TotalMilliseconds:F0} ms after end of speech)");
        output.WriteLine($"voice to voice: {(firstAudio.At - endOfSpeech).TotalMilliseconds:F0} ms from the end of speech to the first agent audio");
        await silence;
        await client.WaitForAgentToFinishAsync(); // on a busy machine the answer may still be playing when the silence has been sent

        await client.SendAsync(StopMessage.Instance);
        var ended = (EndedMessage)(await client.WaitForAsync<EndedMessage>()).Message;
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, await client.WaitForCloseAsync());

        var frames = client.All;
        var agentText = string.Join(' ', frames.Select(f => f.Message).OfType<TranscriptMessage>().Where(t => t.Payload.Role == Roles.Agent).Select(t => t.Payload.Text));
        Assert.Contains("eighty-four", agentText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(frames, f => f.Message is ToolCallMessage { Payload: { ToolName: "calculator", Status: ToolCallStatuses.Completed } });

        var audio = AgentAudio(frames);
        Assert.All(frames.Select(f => f.Message).OfType<AudioMessage>(), a => Assert.Equal(AudioFormats.OutputMimeType, a.Payload.MimeType));
        var seconds = audio.Length / 24000.0;
        Assert.InRange(seconds, 0.8, 6); // "Twelve times seven is eighty-four." at a natural pace.
        Assert.True(Rms(audio) > 500, $"agent audio is near silence (RMS {Rms(audio):F0})");

        // Paced: frames of at most 100 ms, spread over the audio's length less the lead, not poured out at once.
        var audioFrames = frames.Where(f => f.Message is AudioMessage).ToList();
        Assert.All(audioFrames, f => Assert.True(Convert.FromBase64String(((AudioMessage)f.Message).Payload.Data!).Length <= 4800));
        var spread = audioFrames[^1].At - audioFrames[0].At;
        Assert.True(spread.TotalSeconds >= seconds - 0.6, $"{seconds:F2} s of audio arrived within {spread.TotalSeconds:F2} s: not paced");

        Assert.Equal([Roles.User, Roles.Agent], ended.Payload.Transcript.Select(t => t.Role));
        Assert.Equal(userText, ended.Payload.Transcript[0].Text);
        AssertEndedTranscriptIsStringPairs(frames.Single(f => f.Message is EndedMessage).Json);
        AssertOrder(frames);
        await server.WaitForNoSessionsAsync();
    }

    [Fact]
    public async Task A_question_asked_the_moment_a_session_starts_on_a_server_at_rest_is_heard_and_answered()
    {
        // A server of its own: at rest, the PocketSphinx helper was built at start-up to check it, then stopped
        // (Parley:Engines:PocketSphinx:HelperIdleTimeout); this session's start starts it again (~0.3-0.4 s).
        await using var rested = await ConfiguredServerFixture.StartAsync();
        var engines = await rested.Services.GetRequiredService<EngineHost>().WhenReady;
        Assert.Equal(0, engines.Recognizer.Forked.ZygoteProcessId);

        await using var client = await VoiceTestClient.ConnectAsync(rested.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        await client.WaitForAsync<StartedMessage>();

        // Speech from the first chunk on, while the helper builds its decoder: heard once it is built, and answered.
        var (userLine, userText, endOfSpeech, silence) = await AskTwelveTimesSevenAsync(client);
        var answer = await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent }, what: "answer");
        Assert.Contains("eighty-four", ((TranscriptMessage)answer.Message).Payload.Text, StringComparison.OrdinalIgnoreCase);
        output.WriteLine($"user said: '{userText}' (final {(userLine.At - endOfSpeech).TotalMilliseconds:F0} ms after end of speech, helper started by the session)");
        Assert.NotEqual(0, engines.Recognizer.Forked.ZygoteProcessId);

        await silence;
        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>();
        await client.WaitForCloseAsync();
    }

    [Fact]
    public async Task The_agent_greets_first_unless_told_to_start_silently()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload()));
        await client.WaitForAsync<ReadyMessage>();
        var greeting = await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent }, what: "greeting");
        Assert.Contains("hello", ((TranscriptMessage)greeting.Message).Payload.Text, StringComparison.OrdinalIgnoreCase);
        await client.WaitForAgentToFinishAsync();

        await client.SendAsync(StopMessage.Instance);
        var ended = (EndedMessage)(await client.WaitForAsync<EndedMessage>()).Message;
        Assert.Equal(Roles.Agent, Assert.Single(ended.Payload.Transcript).Role);
        AssertOrder(client.All);
    }

    [Fact]
    public async Task A_text_turn_is_answered_as_if_spoken_and_the_timeline_is_stored_while_the_session_runs()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        var started = (StartedMessage)(await client.WaitForAsync<StartedMessage>()).Message;
        await client.SendAsync(new TextMessage(new TextPayload { Text = "what time is it" }));
        await client.WaitForAsync(m => m is ToolCallMessage { Payload: { ToolName: "get_current_time", Status: ToolCallStatuses.Completed } }, what: "time tool");
        var answer = await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent }, what: "answer");
        Assert.Matches("^It's (.+ )?(morning|afternoon|evening|night|noon|midnight|o'clock)", ((TranscriptMessage)answer.Message).Payload.Text);

        // Stored as it happens: the user's line is in the database before the session ends.
        var events = await server.Services.GetRequiredService<MessageStore>().ListEventsAsync(started.Payload.MessageId);
        Assert.Contains(events, e => e is { Type: TimelineEventTypes.Transcript, Role: Roles.User, Text: "what time is it" });
        Assert.Contains(events, e => e is { Type: TimelineEventTypes.ToolCallStatus, ToolName: "get_current_time", Status: ToolCallStatuses.Started });

        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>();
        await client.WaitForCloseAsync();
    }

    [Fact]
    public async Task A_later_session_with_the_same_conversation_id_continues_it()
    {
        string conversationId;
        await using (var first = await VoiceTestClient.ConnectAsync(server.VoiceUri()))
        {
            await first.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
            conversationId = ((StartedMessage)(await first.WaitForAsync<StartedMessage>()).Message).Payload.ConversationId;
            await first.SendAsync(new TextMessage(new TextPayload { Text = "what is two plus two" }));
            await first.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent }, what: "answer");
            await first.WaitForAgentToFinishAsync();
            await first.SendAsync(StopMessage.Instance);
            await first.WaitForAsync<EndedMessage>();
        }

        await using var second = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await second.SendAsync(new StartMessage(new StartPayload { ConversationId = conversationId, InitialMessage = "hello again" }));
        var started = (StartedMessage)(await second.WaitForAsync<StartedMessage>()).Message;
        Assert.Equal(conversationId, started.Payload.ConversationId);
        await second.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent }, what: "answer to the initial message");
        await second.WaitForAgentToFinishAsync();
        await second.SendAsync(StopMessage.Instance);
        await second.WaitForAsync<EndedMessage>();
        await second.WaitForCloseAsync();

        var history = await server.Services.GetRequiredService<MessageStore>().LoadTranscriptAsync(conversationId);
        Assert.Equal(["what is two plus two", "hello again"], history.Where(l => l.Role == Roles.User).Select(l => l.Text));
        Assert.True(history.Count(l => l.Role == Roles.Agent) >= 2);
    }

    [Fact]
    public async Task An_ephemeral_session_stores_nothing()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { Ephemeral = true, InitialMessage = "what is three times three" }));
        var started = (StartedMessage)(await client.WaitForAsync<StartedMessage>()).Message;
        await client.WaitForAgentToFinishAsync();
        await client.SendAsync(StopMessage.Instance);
        var ended = (EndedMessage)(await client.WaitForAsync<EndedMessage>()).Message;
        Assert.Equal(2, ended.Payload.Transcript.Count);

        Assert.Empty(await server.Services.GetRequiredService<MessageStore>().ListEventsAsync(started.Payload.MessageId));
        Assert.Null(await server.Services.GetRequiredService<ConversationStore>().FindAsync("default", started.Payload.ConversationId));
    }

    // Streams the question, then 4 s of silence (returned, not awaited), and waits for the user's line, which must name both numbers.
    private static async Task<(ReceivedFrame UserLine, string UserText, TimeSpan EndOfSpeech, Task Silence)> AskTwelveTimesSevenAsync(VoiceTestClient client)
    {
        var question = TestSpeech.Say("what is twelve times seven");
        var streamStart = client.Now;
        await client.StreamAsync(question);
        var endOfSpeech = streamStart + TestSpeech.SpeechEnd(question);
        var silence = client.StreamAsync(TestSpeech.Silence(TimeSpan.FromSeconds(4)));

        var userLine = await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.User }, what: "user transcript");
        var userText = ((TranscriptMessage)userLine.Message).Payload.Text;
        Assert.Contains("twelve", userText, StringComparison.Ordinal);
        Assert.Contains("seven", userText, StringComparison.Ordinal);
        return (userLine, userText, endOfSpeech, silence);
    }

    internal static short[] AgentAudio(IEnumerable<ReceivedFrame> frames)
        => frames.Select(f => f.Message).OfType<AudioMessage>()
            .SelectMany(a => Parley.Engines.Audio.Pcm16.FromBytes(Convert.FromBase64String(a.Payload.Data!))).ToArray();

    internal static double Rms(short[] samples)
        => samples.Length == 0 ? 0 : Math.Sqrt(samples.Select(s => (double)s * s).Average());

    /// <summary>The iOS client casts the list to [[String: String]]: every item must hold exactly two string fields.</summary>
    internal static void AssertEndedTranscriptIsStringPairs(string endedJson)
    {
        using var document = JsonDocument.Parse(endedJson);
        foreach (var item in document.RootElement.GetProperty("payload").GetProperty("transcript").EnumerateArray())
        {
            var properties = item.EnumerateObject().ToList();
            Assert.Equal(["role", "text"], properties.Select(p => p.Name).Order());
            Assert.All(properties, p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        }
    }

    /// <summary>started comes first, ready next, ended last, and nothing follows ended.</summary>
    internal static void AssertOrder(IReadOnlyList<ReceivedFrame> frames)
    {
        var types = frames.Select(f => f.Message.Type).Where(t => t != MessageTypes.Error).ToList();
        Assert.Equal(MessageTypes.Started, types[0]);
        Assert.Equal(MessageTypes.Ready, types[1]);
        Assert.Equal(MessageTypes.Ended, types[^1]);
        Assert.Single(types, MessageTypes.Ended);
    }
}
