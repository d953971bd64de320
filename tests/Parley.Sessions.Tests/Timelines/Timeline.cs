using System.Globalization;
using System.Text;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>What the client does at one step of a timeline.</summary>
internal enum StepKind
{
    /// <summary>Loud audio: <see cref="Step.Count"/> chunks of 4096 samples.</summary>
    Speech,

    /// <summary>Quiet audio: <see cref="Step.Count"/> chunks.</summary>
    Silence,

    /// <summary>One chunk with a single loud frame: too short to be speech.</summary>
    Click,
    Text,
    EmptyText,
    Interrupt,
    BadJson,
    UnknownType,
    BadBase64,
    OddByteCount,
    SecondStart,

    /// <summary>The client waits <see cref="Step.Count"/> ms.</summary>
    Wait,
}

/// <summary>How a timeline ends.</summary>
internal enum Ending
{
    /// <summary>The client sends <c>stop</c>.</summary>
    Stop,

    /// <summary>The connection drops without a word.</summary>
    Vanish,

    /// <summary>The client says nothing more; the server drains.</summary>
    Drain,
}

/// <summary>One step of a timeline.</summary>
internal sealed record Step(StepKind Kind, int Count = 0)
{
    public override string ToString() => Count > 0 ? $"{Kind}({Count})" : Kind.ToString();
}

/// <summary>
/// How a timeline's user pauses, and what the session makes of pauses: speculative replies on or off, speech with short
/// pauses that begin and then resume (a quiet tail on every chunk of a speech step but its last), a long endpoint silence
/// (a whole quiet chunk between speech steps is a pause, not an endpoint), and finals the recogniser revises (a word
/// more than the words of the pause, so the reply prepared on them is dropped).
/// </summary>
internal sealed record PausePlan(bool Speculative, bool Hesitant, bool LongEndpoint, bool RevisedFinals)
{
    // Drawn from a random of their own, so every other part of a seed's timeline is what it was before speculative replies.
    public static PausePlan Generate(int seed)
    {
        var random = new Random(unchecked((seed * 104729) + 31));
        return new PausePlan(random.Next(4) != 0, random.Next(2) == 0, random.Next(3) == 0, random.Next(3) == 0);
    }

    public override string ToString()
        => $"speculative replies {(Speculative ? "on" : "off")}{(Hesitant ? ", hesitant speech" : string.Empty)}"
            + $"{(LongEndpoint ? ", endpoint 300 ms" : string.Empty)}{(RevisedFinals ? ", revised finals" : string.Empty)}";
}

/// <summary>The <c>start</c> a timeline sends, and what comes before it.</summary>
internal sealed record StartPlan(
    bool SilentStart,
    string? InitialMessage,
    bool Ephemeral,
    bool ExistingConversation,
    bool UnknownAgent,
    bool UnknownConversation,
    bool FrameBeforeStart,
    bool BrightVoice)
{
    // Drawn from a random of their own, so every other part of a seed's timeline is what it was before tasks existed.
    private static List<int> TaskFinishes(int seed, int steps)
    {
        var random = new Random(unchecked((seed * 7919) + 17));
        return random.Next(3) == 0 ? [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(steps)).Distinct().Order()] : [];
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (FrameBeforeStart) parts.Add("frame before start");
        if (SilentStart) parts.Add("silent_start");
        if (InitialMessage is not null) parts.Add($"initial_message \"{InitialMessage}\"");
        if (Ephemeral) parts.Add("ephemeral");
        if (ExistingConversation) parts.Add("existing conversation");
        if (UnknownAgent) parts.Add("unknown agent");
        if (UnknownConversation) parts.Add("unknown conversation");
        if (BrightVoice) parts.Add("voice_preset bright");
        return parts.Count == 0 ? "plain start" : string.Join(", ", parts);
    }
}

/// <summary>A random client session, generated from a seed: a start, 5 to 30 steps, an ending, and at most one engine failure.</summary>
internal sealed record Timeline(
    int Seed,
    StartPlan Start,
    IReadOnlyList<Step> Steps,
    Ending Ending,
    FaultPoint FaultPoint,
    int FaultCall,
    bool IdlePrompts,
    bool TightBurstAllowance,
    double EndCallChance,
    bool SmallAudioQueue,
    bool SilenceTimeout,
    bool ShortMaxDuration,
    bool SlowSynthesis,
    bool SlowAgent,
    bool Settles,
    IReadOnlyList<int> TasksFinishAfter,
    PausePlan Pauses)
{
    /// <summary>Whether the client's own <c>interrupt</c> may have cut the answer to its last turn: it sent one after it began to talk or type.</summary>
    /// <remarks>Which speech makes a turn (a cough makes none) is not known beforehand, so any interrupt after the first counts.</remarks>
    public bool ClientMayCutLastTurn
    {
        get
        {
            var firstTurn = Steps.Select((s, i) => (s, i)).FirstOrDefault(p => p.s.Kind is StepKind.Speech or StepKind.Text, (null!, Steps.Count)).Item2;
            return Start.InitialMessage is not null ? Steps.Any(s => s.Kind == StepKind.Interrupt) : Steps.Skip(firstTurn).Any(s => s.Kind == StepKind.Interrupt);
        }
    }

    public static Timeline Generate(int seed)
    {
        var random = new Random(seed);
        var start = new StartPlan(
            SilentStart: random.Next(3) == 0,
            InitialMessage: random.Next(6) == 0 ? "tell me a story please" : null,
            Ephemeral: random.Next(3) == 0,
            ExistingConversation: random.Next(8) == 0,
            UnknownAgent: random.Next(40) == 0,
            UnknownConversation: random.Next(40) == 0,
            FrameBeforeStart: random.Next(15) == 0,
            BrightVoice: random.Next(5) == 0);

        var steps = new List<Step>();
        var count = random.Next(5, 31);
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            steps.Add(roll switch
            {
                < 28 => new Step(StepKind.Speech, random.Next(1, 7)),
                < 46 => new Step(StepKind.Silence, random.Next(1, 5)),
                < 49 => new Step(StepKind.Click),
                < 56 => new Step(StepKind.Text),
                < 57 => new Step(StepKind.EmptyText),
                < 64 => new Step(StepKind.Interrupt),
                < 66 => new Step(StepKind.BadJson),
                < 67 => new Step(StepKind.UnknownType),
                < 69 => new Step(StepKind.BadBase64),
                < 70 => new Step(StepKind.OddByteCount),
                < 71 => new Step(StepKind.SecondStart),
                _ => new Step(StepKind.Wait, random.Next(0, 151)),
            });
        }

        var ending = random.Next(10) switch
        {
            < 5 => Ending.Stop,
            < 8 => Ending.Vanish,
            _ => Ending.Drain,
        };
        var (faultPoint, faultCall) = FaultPlan.Choose(random, probability: 0.25);
        return new Timeline(
            seed,
            start,
            steps,
            ending,
            faultPoint,
            faultCall,
            IdlePrompts: random.Next(3) == 0,
            TightBurstAllowance: random.Next(8) == 0,
            EndCallChance: random.Next(6) == 0 ? 0.3 : 0,
            SmallAudioQueue: random.Next(6) == 0,
            SilenceTimeout: random.Next(10) == 0,
            ShortMaxDuration: random.Next(15) == 0,
            SlowSynthesis: random.Next(4) == 0,
            SlowAgent: random.Next(4) == 0,
            Settles: random.Next(2) == 0,
            TasksFinishAfter: TaskFinishes(seed, count),
            Pauses: PausePlan.Generate(seed));
    }

    // Drawn from a random of their own, so every other part of a seed's timeline is what it was before tasks existed.
    private static List<int> TaskFinishes(int seed, int steps)
    {
        var random = new Random(unchecked((seed * 7919) + 17));
        return random.Next(3) == 0 ? [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(steps)).Distinct().Order()] : [];
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append($"seed {Seed}: {Start}; steps [{string.Join(", ", Steps)}]; ending {Ending}; ");
        text.Append(FaultPoint == FaultPoint.None ? "no fault" : $"fault {FaultPoint} at call {FaultCall}");
        text.Append($"; idle prompts {(IdlePrompts ? "on" : "off")}; burst allowance {(TightBurstAllowance ? "5 s" : "unlimited")}; end_call chance {EndCallChance}");
        text.Append($"; audio queue {(SmallAudioQueue ? "2 chunks" : "default")}; silence_timeout {(SilenceTimeout ? "on (400 ms)" : "off")}; ");
        text.Append($"max duration {(ShortMaxDuration ? "1.5 s" : "5 min")}; synthesis {(SlowSynthesis ? "slow" : "fast")}; agent {(SlowAgent ? "slow" : "fast")}");
        text.Append(Settles ? "; settles before its ending" : string.Empty);
        text.Append(TasksFinishAfter.Count > 0 ? $"; background tasks finish after steps [{string.Join(", ", TasksFinishAfter)}]" : string.Empty);
        text.Append(CultureInfo.InvariantCulture, $"; {Pauses}");
        return text.ToString();
    }
}
