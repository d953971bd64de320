using System.Diagnostics;
using System.Runtime.InteropServices;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;
using Parley.Sessions.Voices;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>What became of one timeline: everything the invariants are checked against.</summary>
internal sealed record TimelineOutcome(
    Timeline Timeline,
    bool Finished,
    Exception? RunException,
    IReadOnlyList<InMemoryVoiceConnection.SentFrame> Frames,
    int? CloseCode,
    int CloseCalls,
    bool Aborted,
    bool ConcurrentSend,
    EngineLedger Ledger,
    IReadOnlyList<string> Logs,
    double ElapsedMs);

/// <summary>Plays a timeline against a real <see cref="VoiceSession"/> on scripted engines and a real SQLite database.</summary>
internal static class TimelineRunner
{
    /// <summary>A session still running after this long is stuck.</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(10);

    private const int ChunkSamples = 4096;

    private static readonly byte[] SpeechChunk = AudioFrame(Noise(ChunkSamples, 12000, 1));
    private static readonly byte[] SilenceChunk = AudioFrame(Noise(ChunkSamples, 150, 2));
    private static readonly byte[] ClickChunk = AudioFrame([.. Noise(512, 12000, 3), .. Noise(ChunkSamples - 512, 150, 4)]);

    /// <summary>The options every timeline runs with: short, so a timeline takes well under a second.</summary>
    public static VoiceSessionOptions Options(Timeline timeline) => new()
    {
        PlaybackLead = TimeSpan.FromMilliseconds(60),
        EndpointSilence = TimeSpan.FromMilliseconds(100),
        EndpointSilenceIncomplete = TimeSpan.FromMilliseconds(200),
        BargeInMinSpeech = TimeSpan.FromMilliseconds(250),
        // Echo detection off: the scripted audio's loudness contours could correlate by chance, and an utterance
        // dismissed as echo after it barged in is a false interruption, whose resumed reply the checker does not model.
        EchoLikeness = 2,
        IdlePromptAfter = timeline.IdlePrompts ? TimeSpan.FromMilliseconds(150) : TimeSpan.Zero,
        MaxSessionDuration = timeline.ShortMaxDuration ? TimeSpan.FromMilliseconds(400) : TimeSpan.FromSeconds(5),
        ClientSilenceTimeout = TimeSpan.FromMilliseconds(400),
        AudioQueueChunks = timeline.SmallAudioQueue ? 2 : 256,
        AudioBurstAllowance = timeline.TightBurstAllowance ? TimeSpan.FromSeconds(5) : TimeSpan.FromHours(1),
    };

    public static async Task<TimelineOutcome> RunAsync(Timeline timeline, TimelineStorage storage)
    {
        var ledger = new EngineLedger();
        var faults = new FaultPlan(timeline.FaultPoint, timeline.FaultCall, ledger);
        var logs = new CapturingLoggerFactory();
        var services = new VoiceSessionServices(
            new ScriptedVoiceActivityDetector(ledger, faults),
            new ScriptedSpeechRecognizer(timeline.Seed, ledger, faults),
            new ScriptedSpeechSynthesizer(timeline.Seed, ledger, faults, timeline.SlowSynthesis ? 40 : 5),
            new ScriptedResampler(),
            new ScriptedAgentFactory(timeline.Seed, ledger, faults, timeline.EndCallChance),
            storage.Agents,
            storage.Conversations,
            storage.Messages,
            Options(timeline),
            new VoicePresets(),
            TimeProvider.System,
            logs);
        var connection = new InMemoryVoiceConnection();
        var session = new VoiceSession(services, connection, new CallerIdentity(storage.TeamspaceId, "timeline-key"));

        var clock = Stopwatch.StartNew();
        var running = Task.Run(session.RunAsync);
        var driving = Task.Run(() => DriveAsync(timeline, connection, session, storage));
        var both = Task.WhenAll(running, driving);
        var finished = await Task.WhenAny(both, Task.Delay(StuckAfter)) == both;
        var elapsed = clock.Elapsed.TotalMilliseconds;
        return new TimelineOutcome(
            timeline,
            finished,
            running.IsFaulted ? running.Exception.GetBaseException() : driving.IsFaulted ? driving.Exception.GetBaseException() : null,
            connection.Sent,
            connection.CloseCode,
            connection.CloseCalls,
            connection.Aborted,
            connection.ConcurrentSend,
            ledger,
            logs.Entries,
            elapsed);
    }

    private static async Task DriveAsync(Timeline timeline, InMemoryVoiceConnection connection, VoiceSession session, TimelineStorage storage)
    {
        var plan = timeline.Start;
        if (plan.FrameBeforeStart)
        {
            connection.Write(SpeechChunk);
        }

        var start = new StartPayload
        {
            AgentId = plan.UnknownAgent ? "agt_does_not_exist" : null,
            ConversationId = plan.UnknownConversation ? "cnv_does_not_exist" : plan.ExistingConversation ? storage.ConversationId : null,
            Ephemeral = plan.Ephemeral ? true : null,
            InitialMessage = plan.InitialMessage,
            VoiceConfig = new VoiceConfig
            {
                SilentStart = plan.SilentStart ? true : null,
                VoicePreset = plan.BrightVoice ? "bright" : null,
                SilenceTimeout = timeline.SilenceTimeout ? true : null,
            },
        };
        if (!connection.Write(VoiceMessageCodec.Serialize(new StartMessage(start))))
        {
            return;
        }

        foreach (var step in timeline.Steps)
        {
            var open = step.Kind switch
            {
                StepKind.Speech => WriteChunks(connection, SpeechChunk, step.Count),
                StepKind.Silence => WriteChunks(connection, SilenceChunk, step.Count),
                StepKind.Click => connection.Write(ClickChunk),
                StepKind.Text => connection.Write(VoiceMessageCodec.Serialize(new TextMessage(new TextPayload { Text = "tell me a story please" }))),
                StepKind.EmptyText => connection.Write(VoiceMessageCodec.Serialize(new TextMessage(new TextPayload { Text = "  " }))),
                StepKind.Interrupt => connection.Write(VoiceMessageCodec.Serialize(InterruptMessage.Instance)),
                StepKind.BadJson => connection.Write("{\"type\": \"audio\", \"payload\": "u8.ToArray()),
                StepKind.UnknownType => connection.Write("{\"type\": \"dance\"}"u8.ToArray()),
                StepKind.BadBase64 => connection.Write(VoiceMessageCodec.Serialize(new AudioMessage(new AudioPayload { Data = "%%% not base64 %%%" }))),
                StepKind.OddByteCount => connection.Write(VoiceMessageCodec.Serialize(new AudioMessage(new AudioPayload { Data = Convert.ToBase64String([1, 2, 3]) }))),
                StepKind.SecondStart => connection.Write(VoiceMessageCodec.Serialize(new StartMessage(new StartPayload()))),
                StepKind.Wait => await WaitAsync(step.Count),
                _ => throw new InvalidOperationException($"No step {step.Kind}."),
            };

            if (!open)
            {
                return; // The session closed the connection already.
            }
        }

        switch (timeline.Ending)
        {
            case Ending.Stop:
                connection.Write(VoiceMessageCodec.Serialize(StopMessage.Instance));
                break;
            case Ending.Vanish:
                connection.Vanish();
                break;
            case Ending.Drain:
                session.Drain();
                break;
        }
    }

    private static bool WriteChunks(InMemoryVoiceConnection connection, byte[] chunk, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!connection.Write(chunk))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> WaitAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return true;
    }

    private static short[] Noise(int samples, int amplitude, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, samples).Select(_ => (short)random.Next(-amplitude, amplitude + 1))];
    }

    private static byte[] AudioFrame(short[] samples)
        => VoiceMessageCodec.Serialize(new AudioMessage(new AudioPayload
        {
            Data = Convert.ToBase64String(MemoryMarshal.AsBytes(samples.AsSpan())),
            MimeType = AudioFormats.InputMimeType,
        }));
}
