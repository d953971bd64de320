using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>Plays a timeline's client: its start, its steps in time on the timeline's clock, an optional settling wait, its ending.</summary>
internal sealed class TimelineClient(
    Timeline timeline, InMemoryVoiceConnection connection, VoiceSession session, TimelineStorage storage, TimelineClock clock,
    Parley.Sessions.Orchestration.TaskOrchestrator? orchestrator = null)
{
    /// <summary>How a background task finishing in a timeline is announced: its first piece, then its result.</summary>
    public const string TaskDone = "Helper has finished the task.";

    private static readonly TimeSpan ChunkDuration = TimeSpan.FromSeconds((double)TimelineRunner.ChunkSamples / 16000);
    private static readonly TimeSpan FrameGap = TimeSpan.FromMilliseconds(16);

    /// <summary>The real pause per clock tick in the second half of the settling wait.</summary>
    private static readonly TimeSpan PatientPause = TimeSpan.FromMilliseconds(20);

    /// <summary>How the client's settling wait after its steps ended.</summary>
    public SettleResult Settled { get; private set; }

    public async Task DriveAsync()
    {
        var plan = timeline.Start;
        if (plan.FrameBeforeStart)
        {
            connection.Write(TimelineRunner.SpeechChunk);
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

        // The clock waits for the session to answer the start (its lookups take real time; a busy machine is slow).
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (connection.Sent.Count == 0 && connection.CloseCalls == 0 && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(1);
        }

        await clock.AdvanceAsync(FrameGap);

        foreach (var (step, index) in timeline.Steps.Select((s, i) => (s, i)))
        {
            if (!await PlayAsync(step))
            {
                return; // The session closed the connection already.
            }

            if (timeline.TasksFinishAfter.Contains(index))
            {
                FinishTask(index);
            }
        }

        if (timeline.Settles)
        {
            Settled = await SettleAsync();
        }
        else
        {
            Settled = SettleResult.NotAsked;
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

    // A task of the session's conversation finishes: published as the task worker does, taking no time on the clock.
    private void FinishTask(int step)
    {
        if (orchestrator is null || connection.Sent.Select(f => f.Message).OfType<StartedMessage>().FirstOrDefault() is not { } started)
        {
            return;
        }

        orchestrator.Notifications.Publish(new Storage.Orchestration.OrchestratorTaskRecord
        {
            Id = Storage.Ids.New(),
            TeamspaceId = storage.TeamspaceId,
            ConversationId = started.Payload.ConversationId,
            AgentId = "agent-helper",
            AgentName = "Helper",
            Task = $"the task of step {step}",
            Status = Storage.Orchestration.OrchestratorTaskStatuses.Completed,
            Result = $"Report {step} is ready.",
        });
    }

    private Task<bool> PlayAsync(Step step) => step.Kind switch
    {
        StepKind.Speech when timeline.Pauses.Hesitant => SpeakHesitantlyAsync(step.Count),
        StepKind.Speech => SendChunksAsync(TimelineRunner.SpeechChunk, step.Count),
        StepKind.Silence => SendChunksAsync(TimelineRunner.SilenceChunk, step.Count),
        StepKind.Click => SendChunksAsync(TimelineRunner.ClickChunk, 1),
        StepKind.Text => SendAsync(VoiceMessageCodec.Serialize(new TextMessage(new TextPayload { Text = "tell me a story please" })), FrameGap),
        StepKind.EmptyText => SendAsync(VoiceMessageCodec.Serialize(new TextMessage(new TextPayload { Text = "  " })), FrameGap),
        StepKind.Interrupt => SendAsync(VoiceMessageCodec.Serialize(InterruptMessage.Instance), FrameGap),
        StepKind.BadJson => SendAsync("{\"type\": \"audio\", \"payload\": "u8.ToArray(), FrameGap),
        StepKind.UnknownType => SendAsync("{\"type\": \"dance\"}"u8.ToArray(), FrameGap),
        StepKind.BadBase64 => SendAsync(VoiceMessageCodec.Serialize(new AudioMessage(new AudioPayload { Data = "%%% not base64 %%%" })), FrameGap),
        StepKind.OddByteCount => SendAsync(VoiceMessageCodec.Serialize(new AudioMessage(new AudioPayload { Data = Convert.ToBase64String([1, 2, 3]) })), FrameGap),
        StepKind.SecondStart => SendAsync(VoiceMessageCodec.Serialize(new StartMessage(new StartPayload())), FrameGap),
        StepKind.Wait => WaitAsync(TimeSpan.FromMilliseconds(step.Count)),
        _ => throw new InvalidOperationException($"No step {step.Kind}."),
    };

    /// <summary>
    /// Listens in silence (at least a second, so utterances in flight end) until the last user turn has an answer, or the
    /// settling time is up on the clock. Then once more as long, with the clock moving a tick per <see cref="PatientPause"/>
    /// of real time: 64 timelines at once on two busy cores starve a session of the CPU its answer needs while its
    /// client's light loop goes on ticking (10 of 2,000 "unanswered" at load 29, each answered when replayed alone), and
    /// a turn that is still unanswered after that was lost, not late.
    /// </summary>
    private async Task<SettleResult> SettleAsync()
    {
        foreach (var pause in new TimeSpan?[] { null, PatientPause })
        {
            for (var waited = TimeSpan.Zero; waited < TimelineRunner.SettleFor; waited += ChunkDuration)
            {
                if (!await SendAsync(TimelineRunner.SilenceChunk, ChunkDuration, pause) || connection.CloseCalls > 0)
                {
                    return SettleResult.SessionClosed;
                }

                if ((waited >= TimeSpan.FromSeconds(1) || pause is not null) && TimelineInvariants.LastUserTurnAnswered(connection.Sent.Select(f => f.Message).ToList()))
                {
                    return SettleResult.Answered;
                }
            }
        }

        return connection.CloseCalls > 0 ? SettleResult.SessionClosed : SettleResult.TimedOut;
    }

    /// <summary>Speech with a short pause at the end of each chunk but the last: pauses that begin, then speech that resumes.</summary>
    private async Task<bool> SpeakHesitantlyAsync(int count)
        => await SendChunksAsync(TimelineRunner.HesitantSpeechChunk, count - 1) && await SendChunksAsync(TimelineRunner.SpeechChunk, 1);

    private async Task<bool> SendChunksAsync(byte[] chunk, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!await SendAsync(chunk, ChunkDuration))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Sends a frame, then lets <paramref name="after"/> pass on the clock (a microphone chunk takes its own length to record).</summary>
    private async Task<bool> SendAsync(byte[] frame, TimeSpan after, TimeSpan? pause = null)
    {
        if (!connection.Write(frame))
        {
            return false;
        }

        await clock.AdvanceAsync(after, pause);
        return true;
    }

    private async Task<bool> WaitAsync(TimeSpan span)
    {
        await clock.AdvanceAsync(span);
        return true;
    }
}

/// <summary>How a client's settling wait ended.</summary>
internal enum SettleResult
{
    /// <summary>The timeline does not settle (or the client never got that far).</summary>
    NotAsked,

    /// <summary>The session closed during the wait (a fault, a limit, the agent ending the call).</summary>
    SessionClosed,

    /// <summary>The last user turn had its answer.</summary>
    Answered,

    /// <summary>Still no answer to the last user turn after twice <see cref="TimelineRunner.SettleFor"/>: a liveness failure.</summary>
    TimedOut,
}
