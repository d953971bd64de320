namespace Parley.Bench.Soak;

/// <summary>The parts of a soak run (<c>--soak</c>).</summary>
[Flags]
internal enum SoakPhases
{
    None = 0,

    /// <summary>Many callers talking at once for minutes: memory and open files must stay flat.</summary>
    Callers = 1,

    /// <summary>Sessions one after another: memory must not grow with their number.</summary>
    Sessions = 2,
}
