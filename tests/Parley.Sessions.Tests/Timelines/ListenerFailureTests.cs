using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;
using Parley.Sessions.Transport;
using Parley.Engines.Speech;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>A listener that dies while the client's audio waits for room in its queue must not leave the session stuck.</summary>
/// <remarks>Found by the random timelines (seed 1738, with a two-chunk audio queue), made deterministic here.</remarks>
public sealed class ListenerFailureTests(TimelineStorage storage) : IClassFixture<TimelineStorage>
{
    [Fact]
    public async Task A_listener_that_fails_with_its_queue_full_still_ends_the_session()
    {
        var ledger = new EngineLedger();
        var faults = new FaultPlan(FaultPoint.None, 0, ledger);
        var vad = new FaultyVoiceActivityDetector();
        var timeline = Timeline.Generate(1) with { SmallAudioQueue = true, IdlePrompts = false };
        var services = new VoiceSessionServices(
            vad,
            SpeechCatalog.Of(new ScriptedSpeechRecognizer(1, ledger, faults), new ScriptedSpeechSynthesizer(1, ledger, faults, 5, TimeProvider.System)),
            new ScriptedResampler(),
            new ScriptedAgentFactory(1, ledger, faults, endCallChance: 0, slowAgent: false, TimeProvider.System),
            storage.Agents,
            storage.Conversations,
            storage.Messages,
            TimelineRunner.Options(timeline),
            TimeProvider.System,
            new CapturingLoggerFactory());
        var connection = new InMemoryVoiceConnection();
        var session = new VoiceSession(services, connection, new CallerIdentity(storage.TeamspaceId, "timeline-key"));
        var running = Task.Run(session.RunAsync);

        var start = new StartPayload { Ephemeral = true, VoiceConfig = new VoiceConfig { SilentStart = true } };
        connection.Write(VoiceMessageCodec.Serialize(new StartMessage(start)));
        var chunk = VoiceMessageCodec.Serialize(new AudioMessage(new AudioPayload { Data = Convert.ToBase64String(new byte[8192]) }));
        for (var i = 0; i < 8; i++)
        {
            connection.Write(chunk); // More than the queue holds: the receive loop waits for room.
        }

        Assert.True(vad.Processing.Wait(TimeSpan.FromSeconds(5)), "The listener never took a frame.");
        await Task.Delay(200);
        vad.Fail();

        var finished = await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(5))) == running;
        if (!finished)
        {
            connection.Vanish();
        }

        Assert.True(finished, "The session was stuck after its listener failed.");
        await running;
        Assert.Equal(CloseCodes.InternalError, connection.CloseCode);
        var frames = connection.Sent.Select(f => f.Message).ToList();
        Assert.IsType<EndedMessage>(frames[^1]);
        Assert.Contains(frames, f => f is ErrorMessage { Payload.Code: ErrorCodes.InternalError });
    }
}
