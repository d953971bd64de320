using System.Globalization;

namespace Parley.MicroBench.Load;

/// <summary>CPU seconds used by this process and every process it started, live or reaped (Linux <c>/proc</c>).</summary>
/// <remarks>PocketSphinx's forked mode decodes in helper processes, whose time the process's own counters do not show.</remarks>
internal static class ProcessTreeCpu
{
    private const double TicksPerSecond = 100;

    public static double Seconds()
    {
        var parents = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

                // utime, stime and what reaped children used (cutime, cstime): live processes count their own time,
                // each process adds its reaped children's, so nothing counts twice.
                var ticks = Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
                parents[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture), ticks);
            }
            catch (IOException)
            {
                // Ended meanwhile: its time is in its parent's now.
            }
        }

        var self = Environment.ProcessId;
        var total = 0L;
        foreach (var (pid, (_, ticks)) in parents)
        {
            for (var ancestor = pid; parents.TryGetValue(ancestor, out var entry); ancestor = entry.Parent)
            {
                if (ancestor == self)
                {
                    total += ticks;
                    break;
                }
            }
        }

        return total / TicksPerSecond;
    }
}
