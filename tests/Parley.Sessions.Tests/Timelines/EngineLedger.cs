namespace Parley.Sessions.Tests.Timelines;

/// <summary>What one timeline's scripted engines hold open right now, and which injected failures fired.</summary>
/// <remarks>Every counter must be back at zero once <c>VoiceSession.RunAsync</c> has returned: anything else is a leak or a reply that never ended.</remarks>
internal sealed class EngineLedger
{
    private readonly Lock _gate = new();
    private readonly List<string> _faultsFired = [];
    private readonly List<(int Reply, Parley.Agents.ToolCalls.TurnConfirmation Confirmation)> _speculations = [];
    private int _openVadStreams;
    private int _openRecognitionStreams;
    private int _runningSyntheses;
    private int _runningChats;
    private int _liveAgents;

    public int OpenVadStreams => Volatile.Read(ref _openVadStreams);

    public int OpenRecognitionStreams => Volatile.Read(ref _openRecognitionStreams);

    public int RunningSyntheses => Volatile.Read(ref _runningSyntheses);

    public int RunningChats => Volatile.Read(ref _runningChats);

    public int LiveAgents => Volatile.Read(ref _liveAgents);

    public int RecognitionStreamsOpened { get; private set; }

    public int ChatsStarted { get; private set; }

    public IReadOnlyList<string> FaultsFired
    {
        get
        {
            lock (_gate)
            {
                return [.. _faultsFired];
            }
        }
    }

    public void VadStreamOpened() => Interlocked.Increment(ref _openVadStreams);

    public void VadStreamClosed() => Interlocked.Decrement(ref _openVadStreams);

    public void RecognitionStreamOpened()
    {
        Interlocked.Increment(ref _openRecognitionStreams);
        lock (_gate)
        {
            RecognitionStreamsOpened++;
        }
    }

    public void RecognitionStreamClosed() => Interlocked.Decrement(ref _openRecognitionStreams);

    public void SynthesisStarted() => Interlocked.Increment(ref _runningSyntheses);

    public void SynthesisEnded() => Interlocked.Decrement(ref _runningSyntheses);

    public void ChatStarted()
    {
        Interlocked.Increment(ref _runningChats);
        lock (_gate)
        {
            ChatsStarted++;
        }
    }

    public void ChatEnded() => Interlocked.Decrement(ref _runningChats);

    public void AgentCreated() => Interlocked.Increment(ref _liveAgents);

    public void AgentDisposed() => Interlocked.Decrement(ref _liveAgents);

    /// <summary>The agent's <paramref name="reply"/>th reply was asked for before its turn was confirmed.</summary>
    public void Speculated(int reply, Parley.Agents.ToolCalls.TurnConfirmation confirmation)
    {
        lock (_gate)
        {
            _speculations.Add((reply, confirmation));
        }
    }

    /// <summary>The replies asked for speculatively that were confirmed (once the session is over: the others were dropped).</summary>
    public IReadOnlyList<int> SpeculationsConfirmed => Speculations(confirmed: true);

    /// <summary>The replies asked for speculatively and never confirmed: nothing of them may be on the wire.</summary>
    public IReadOnlyList<int> SpeculationsDropped => Speculations(confirmed: false);

    private List<int> Speculations(bool confirmed)
    {
        lock (_gate)
        {
            return [.. _speculations.Where(s => s.Confirmation.IsConfirmed == confirmed).Select(s => s.Reply)];
        }
    }

    public void FaultFired(string description)
    {
        lock (_gate)
        {
            _faultsFired.Add(description);
        }
    }

    public string Describe()
        => $"vad streams {OpenVadStreams}, recognition streams {OpenRecognitionStreams} (of {RecognitionStreamsOpened}), "
            + $"syntheses {RunningSyntheses}, chats {RunningChats} (of {ChatsStarted}; speculative replies confirmed [{string.Join(", ", SpeculationsConfirmed)}], "
            + $"dropped [{string.Join(", ", SpeculationsDropped)}]), agents {LiveAgents}, faults [{string.Join("; ", FaultsFired)}]";
}
