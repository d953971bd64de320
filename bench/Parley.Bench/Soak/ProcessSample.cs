namespace Parley.Bench.Soak;

/// <summary>The server process at one moment of a soak.</summary>
/// <param name="AtSeconds">Seconds since the soak phase began.</param>
/// <param name="RssMiB">Resident memory, from <c>/proc/PID/status</c>.</param>
/// <param name="OpenFiles">Entries of <c>/proc/PID/fd</c>.</param>
/// <param name="Threads">Threads, from <c>/proc/PID/status</c>.</param>
/// <param name="SessionsDone">Sessions finished so far in the phase.</param>
internal sealed record ProcessSample(double AtSeconds, double? RssMiB, int? OpenFiles, int? Threads, int SessionsDone)
{
    public static ProcessSample Of(ServerProbe probe, double atSeconds, int sessionsDone)
        => new(atSeconds, probe.RssMiB(), probe.OpenFiles(), probe.Threads(), sessionsDone);
}
