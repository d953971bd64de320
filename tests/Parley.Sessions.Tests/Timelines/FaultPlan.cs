namespace Parley.Sessions.Tests.Timelines;

/// <summary>Where a scripted engine can be told to fail.</summary>
internal enum FaultPoint
{
    None,
    VadProcess,
    RecognizerOpen,
    RecognizerPush,
    RecognizerComplete,
    Synthesize,
    ChatStart,
    ChatMidStream,
    AgentCreate,
}

/// <summary>At most one injected engine failure per timeline: the <see cref="Call"/>th call at <see cref="Point"/> throws.</summary>
internal sealed class FaultPlan
{
    private readonly EngineLedger _ledger;
    private readonly int[] _calls = new int[Enum.GetValues<FaultPoint>().Length];

    public FaultPlan(FaultPoint point, int call, EngineLedger ledger)
    {
        Point = point;
        Call = call;
        _ledger = ledger;
    }

    public FaultPoint Point { get; }

    public int Call { get; }

    /// <summary>Picks a failure for a timeline: none most of the time.</summary>
    public static (FaultPoint Point, int Call) Choose(Random random, double probability)
    {
        if (random.NextDouble() >= probability)
        {
            return (FaultPoint.None, 0);
        }

        var point = (FaultPoint)random.Next(1, Enum.GetValues<FaultPoint>().Length);
        var call = point switch
        {
            FaultPoint.VadProcess => random.Next(1, 200),
            FaultPoint.RecognizerPush => random.Next(1, 80),
            FaultPoint.AgentCreate => 1,
            _ => random.Next(1, 4),
        };
        return (point, call);
    }

    /// <summary>Counts a call at <paramref name="point"/>, throwing when it is the one planned to fail.</summary>
    public void Hit(FaultPoint point)
    {
        if (point != Point)
        {
            return;
        }

        if (Interlocked.Increment(ref _calls[(int)point]) == Call)
        {
            var description = $"{point} call {Call}";
            _ledger.FaultFired(description);
            throw new ScriptedEngineException($"Scripted failure: {description}.");
        }
    }

    public override string ToString() => Point == FaultPoint.None ? "no fault" : $"{Point} at call {Call}";
}

/// <summary>The failure a scripted engine throws when its fault plan says so.</summary>
internal sealed class ScriptedEngineException(string message) : Exception(message);
