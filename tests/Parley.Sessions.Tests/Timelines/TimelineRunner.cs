using System.Diagnostics;
using System.Runtime.InteropServices;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;
using Microsoft.Extensions.Logging;
using Parley.Engines.Speech;
using Parley.Engines.SpeechToText;

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
    double ElapsedMs,
    SettleResult Settled,
    SpeechSet Speech = SpeechSet.Words);

/// <summary>Plays a timeline against a real <see cref="VoiceSession"/> on scripted engines and a real SQLite database.</summary>
internal static class TimelineRunner
{
    /// <summary>A session still running this long (real time) after its client is done is stuck; a client still driving after <see cref="DrivingBound"/> is too.</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(60);

    /// <summary>How long (real time) a client may take to play its timeline on a very busy machine.</summary>
    public static readonly TimeSpan DrivingBound = TimeSpan.FromMinutes(2);

    /// <summary>How long (on the timeline's clock) a settling client listens in silence for the agent to answer its last turn.</summary>
    public static readonly TimeSpan SettleFor = TimeSpan.FromSeconds(6);

    /// <summary>Samples in each audio chunk the client sends (256 ms, as the iOS client).</summary>
    public const int ChunkSamples = 4096;

    public static readonly byte[] SpeechChunk = AudioFrame(Noise(ChunkSamples, 12000, 1));
    public static readonly byte[] SilenceChunk = AudioFrame(Noise(ChunkSamples, 150, 2));
    public static readonly byte[] ClickChunk = AudioFrame([.. Noise(512, 12000, 3), .. Noise(ChunkSamples - 512, 150, 4)]);

    /// <summary>Speech that pauses at its end for three VAD frames (96 ms): shorter than any endpoint silence, so the turn goes on if speech follows.</summary>
    public static readonly byte[] HesitantSpeechChunk = AudioFrame([.. Noise(ChunkSamples - 1536, 12000, 5), .. Noise(1536, 150, 6)]);

    /// <summary>The options every timeline runs with: short, so a timeline takes well under a second.</summary>
    public static VoiceSessionOptions Options(Timeline timeline) => new()
    {
        PlaybackLead = TimeSpan.FromMilliseconds(60),
        EndpointSilence = TimeSpan.FromMilliseconds(timeline.Pauses.LongEndpoint ? 300 : 100),
        EndpointSilenceIncomplete = TimeSpan.FromMilliseconds(timeline.Pauses.LongEndpoint ? 600 : 200),
        SpeculativeReplies = timeline.Pauses.Speculative,
        BargeInMinSpeech = TimeSpan.FromMilliseconds(250),
        // Echo detection off: the scripted audio's loudness contours could correlate by chance, and an utterance
        // dismissed as echo after it barged in is a false interruption, whose resumed reply the checker does not model.
        EchoLikeness = 2,
        IdlePromptAfter = timeline.IdlePrompts ? TimeSpan.FromMilliseconds(150) : TimeSpan.Zero,
        BargeInOnSound = true, // The harder path (a cut that may resume); off is the server's default.
        MaxSessionDuration = timeline.ShortMaxDuration ? TimeSpan.FromMilliseconds(1500) : TimeSpan.FromMinutes(5),
        ClientSilenceTimeout = TimeSpan.FromMilliseconds(400),
        MaxAudioBacklog = timeline.SmallAudioQueue ? TimeSpan.FromMilliseconds(600) : TimeSpan.FromSeconds(20),
        AudioBurstAllowance = timeline.TightBurstAllowance ? TimeSpan.FromSeconds(5) : TimeSpan.FromHours(1),
    };

    public static async Task<TimelineOutcome> RunAsync(Timeline timeline, TimelineStorage storage, SpeechSet speech = SpeechSet.Words)
    {
        var ledger = new EngineLedger();
        var faults = new FaultPlan(timeline.FaultPoint, timeline.FaultCall, ledger);
        var logs = new CapturingLoggerFactory();
        var clock = new TimelineClock();
        // Only timelines with background tasks have an orchestrator, so the others run as they always did.
        var orchestrator = timeline.TasksFinishAfter.Count == 0 ? null : new Parley.Sessions.Orchestration.TaskOrchestrator(
            storage.Tasks, storage.Agents, new Parley.Sessions.Orchestration.TaskWorkBoard(), new Parley.Sessions.Orchestration.TaskNotifications(), new Parley.Sessions.Orchestration.OrchestratorOptions(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Parley.Sessions.Orchestration.TaskOrchestrator>.Instance);
        var services = new VoiceSessionServices(
            new ScriptedVoiceActivityDetector(ledger, faults),
            Speech(speech, timeline, ledger, faults, clock.Time, logs),
            new ScriptedResampler(),
            new ScriptedAgentFactory(timeline.Seed, ledger, faults, timeline.EndCallChance, timeline.SlowAgent, clock.Time),
            storage.Agents,
            storage.Conversations,
            storage.Messages,
            Options(timeline),
            clock.Time,
            logs,
            Orchestrator: orchestrator);
        var connection = new InMemoryVoiceConnection();
        var session = new VoiceSession(services, connection, new CallerIdentity(storage.TeamspaceId, "timeline-key"));

        var watch = Stopwatch.StartNew();
        var client = new TimelineClient(timeline, connection, session, storage, clock, orchestrator);
        var running = Task.Run(session.RunAsync);
        var driving = Task.Run(client.DriveAsync);
        var finished = false;
        if (await Task.WhenAny(driving, Task.Delay(DrivingBound)) == driving)
        {
            // Once the client is done, the clock keeps moving (timers, pacing) until the session has ended.
            var done = Stopwatch.StartNew();
            while (!running.IsCompleted && done.Elapsed < StuckAfter)
            {
                await clock.AdvanceAsync(TimeSpan.FromMilliseconds(100));
            }

            finished = running.IsCompleted;
        }

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
            watch.Elapsed.TotalMilliseconds,
            client.Settled,
            speech);
    }

    /// <summary>The engines of a capability set, scripted.</summary>
    private static SpeechCatalog Speech(SpeechSet set, Timeline timeline, EngineLedger ledger, FaultPlan faults, TimeProvider time, CapturingLoggerFactory logs)
    {
        var words = new RecognizerCapabilities(InterimResults: true, EndOfTurnEvents: false, SampleRate: 16000, Remote: false);
        var batch = words with { InterimResults = false, Remote = true };
        var revise = timeline.Pauses.RevisedFinals ? 0.5 : 0;
        ISpeechRecognizer recognizer = set switch
        {
            SpeechSet.Words => new ScriptedSpeechRecognizer(timeline.Seed, ledger, faults, capabilities: words, revise: revise),
            SpeechSet.EndOfTurnEvents => new ScriptedSpeechRecognizer(timeline.Seed, ledger, faults, capabilities: words with { EndOfTurnEvents = true, Remote = true }, revise: revise),
            SpeechSet.Batch => new ScriptedSpeechRecognizer(timeline.Seed, ledger, faults, capabilities: batch, revise: revise),
            SpeechSet.Hybrid => new HybridSpeechRecognizer(
                new ScriptedSpeechRecognizer(timeline.Seed, ledger, faults, capabilities: words),
                new ScriptedSpeechRecognizer(timeline.Seed, ledger, faults, capabilities: batch, revise: revise),
                logs.CreateLogger("hybrid")),
            _ => throw new ArgumentOutOfRangeException(nameof(set)),
        };
        var streaming = set is SpeechSet.Batch or SpeechSet.Hybrid;
        return SpeechCatalog.Of(recognizer, new ScriptedSpeechSynthesizer(timeline.Seed, ledger, faults, timeline.SlowSynthesis ? 40 : 5, time, streaming));
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
