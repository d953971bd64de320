using Parley.Engines.VoiceActivity;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;
using Parley.Sessions.Tests.Timelines;
using Parley.Engines.Speech;

namespace Parley.Sessions.Tests.Core;

/// <summary>One real <see cref="VoiceSession"/> on scripted engines and the timeline's fake clock, driven step by step by a test.</summary>
internal sealed class SessionHarness : IAsyncDisposable
{
    private readonly Task _running;

    public SessionHarness(
        TimelineStorage storage,
        IReadOnlyList<string>? heard = null,
        bool slowAgent = false,
        VoiceSessionOptions? options = null,
        IVoiceActivityDetector? vad = null,
        InMemoryVoiceConnection? connection = null,
        int agentSeed = 1,
        Parley.Sessions.Orchestration.TaskOrchestrator? orchestrator = null,
        Parley.Sessions.Recording.SessionRecordings? recordings = null,
        Parley.Engines.TextToSpeech.ISpeechSynthesizer? synthesizer = null,
        IReadOnlyList<Parley.Sessions.Lifecycle.ISessionObserver>? observers = null,
        int speechScale = 1,
        Parley.Sessions.Agents.IAgentFactory? agents = null,
        double revisedFinals = 0)
    {
        var faults = new FaultPlan(FaultPoint.None, 0, Ledger);
        Connection = connection ?? new InMemoryVoiceConnection();
        var services = new VoiceSessionServices(
            vad ?? new ScriptedVoiceActivityDetector(Ledger, faults),
            SpeechCatalog.Of(new ScriptedSpeechRecognizer(1, Ledger, faults, heard, revise: revisedFinals), synthesizer ?? new ScriptedSpeechSynthesizer(1, Ledger, faults, 5, Clock.Time, pieceScale: speechScale)),
            new ScriptedResampler(),
            agents ?? new ScriptedAgentFactory(agentSeed, Ledger, faults, endCallChance: 0, slowAgent, Clock.Time),
            storage.Agents,
            storage.Conversations,
            storage.Messages,
            options ?? Defaults,
            Clock.Time,
            new CapturingLoggerFactory(),
            Orchestrator: orchestrator,
            Recordings: recordings,
            Observers: observers);
        Session = new VoiceSession(services, Connection, new CallerIdentity(storage.TeamspaceId, "harness-key"));
        _running = Task.Run(Session.RunAsync);
    }

    /// <summary>Short timings, echo detection and idle prompts off.</summary>
    public static VoiceSessionOptions Defaults { get; } = new()
    {
        PlaybackLead = TimeSpan.FromMilliseconds(60),
        EndpointSilence = TimeSpan.FromMilliseconds(100),
        EndpointSilenceIncomplete = TimeSpan.FromMilliseconds(200),
        BargeInMinSpeech = TimeSpan.FromMilliseconds(250),
        EchoLikeness = 2,
        IdlePromptAfter = TimeSpan.Zero,
    };

    public EngineLedger Ledger { get; } = new();

    public TimelineClock Clock { get; } = new();

    public InMemoryVoiceConnection Connection { get; }

    public VoiceSession Session { get; }

    public IReadOnlyList<VoiceMessage> Frames => [.. Connection.Sent.Select(f => f.Message)];

    /// <summary>Sends <c>start</c> and waits for <c>ready</c>.</summary>
    public async Task StartAsync(StartPayload? start = null)
    {
        Send(new StartMessage(start ?? new StartPayload { Ephemeral = true, VoiceConfig = new VoiceConfig { SilentStart = true } }));
        await WaitForAsync(m => m is ReadyMessage, "ready");
    }

    public void Send(VoiceMessage message) => Assert.True(Connection.Write(VoiceMessageCodec.Serialize(message)), "the connection is closed");

    /// <summary>Sends <paramref name="chunks"/> loud (speech) or quiet chunks of 256 ms, each in its own time.</summary>
    public async Task SpeakAsync(int chunks, bool loud = true)
    {
        for (var i = 0; i < chunks; i++)
        {
            Assert.True(Connection.Write(loud ? TimelineRunner.SpeechChunk : TimelineRunner.SilenceChunk));
            await Clock.AdvanceAsync(TimeSpan.FromMilliseconds(256));
        }
    }

    /// <summary>Lets the clock run until a frame matching <paramref name="predicate"/> has been sent (10 s of real time at most).</summary>
    public async Task<VoiceMessage> WaitForAsync(Func<VoiceMessage, bool> predicate, string what)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (Frames.FirstOrDefault(predicate) is { } found)
            {
                return found;
            }

            await Clock.AdvanceAsync(TimeSpan.FromMilliseconds(32));
        }

        throw new TimeoutException($"No {what}; sent: {string.Join(", ", Frames.Select(f => f.Type))}");
    }

    /// <summary>Waits (10 s of real time at most) for the session's work to reach <paramref name="condition"/> without moving the clock.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException($"Never: {what}.");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Waits for the session to end, moving the clock meanwhile.</summary>
    public async Task WaitForEndAsync()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!_running.IsCompleted && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Clock.AdvanceAsync(TimeSpan.FromMilliseconds(100));
        }

        Assert.True(_running.IsCompleted, "the session did not end");
        await _running;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_running.IsCompleted)
        {
            Connection.Vanish();
            await WaitForEndAsync();
        }
    }
}
