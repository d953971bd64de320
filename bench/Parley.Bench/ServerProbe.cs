using System.Globalization;

namespace Parley.Bench;

/// <summary>Reads the CPU time and memory of the server and every process it started (Linux <c>/proc</c> only).</summary>
/// <remarks>
/// The server may decode speech in helper processes (PocketSphinx's forked mode), so the server alone would hide
/// their cost: every figure here is summed over the process tree. Plain RSS would count the pages a fork shares with
/// its parent (the copy-on-write model of forked decoders) once per fork; <see cref="RssMiB"/> counts them once, by
/// taking a fork's private pages only (a process whose parent is not the server: a helper's fork). PSS divides every
/// shared page among all processes mapping it, including other programs on the machine (other dotnet processes share
/// the runtime's files), so it depends on what else runs; it is reported beside RSS.
/// </remarks>
internal sealed class ServerProbe(int pid)
{
    // USER_HZ is 100 on every Linux the server targets; /proc reports CPU time in those ticks.
    private const double TicksPerSecond = 100;

    public int Pid => pid;

    /// <summary>User + system CPU seconds so far of the tree, including its reaped children; null when /proc cannot be read.</summary>
    /// <remarks>A child's time moves into its parent's cutime/cstime when the parent reaps it, so live processes count their own time and every process adds what its reaped children used: nothing twice.</remarks>
    public double? CpuSeconds()
    {
        double? total = null;
        foreach (var process in Tree())
        {
            if (Stat(process) is not { } fields)
            {
                if (process == pid)
                {
                    return null;
                }

                continue; // It ended between the listing and the read; its time is now in its parent's.
            }

            var ticks = 0L;
            for (var i = 11; i <= 14; i++)
            {
                ticks += long.Parse(fields[i], CultureInfo.InvariantCulture);
            }

            total = (total ?? 0) + ticks / TicksPerSecond;
        }

        return total;
    }

    /// <summary>Resident memory of the tree in MiB: the RSS of the server and of the programs it started, plus the private pages of their forks; null when unreadable.</summary>
    public double? RssMiB()
    {
        double? total = null;
        foreach (var (process, parent) in TreeWithParents())
        {
            var kib = process == pid || parent == pid
                ? ReadNumber(process, "status", "VmRSS:")
                : ReadNumber(process, "smaps_rollup", "Private_Clean:") + ReadNumber(process, "smaps_rollup", "Private_Dirty:");
            if (kib is null && process == pid)
            {
                return null;
            }

            total = (total ?? 0) + (kib ?? 0);
        }

        return total / 1024.0;
    }

    /// <summary>Proportional set size of the tree in MiB (shared pages divided among all processes mapping them), or null.</summary>
    public double? PssMiB() => SumKiB("smaps_rollup", "Pss:") / 1024.0;

    /// <summary>Processes in the tree, the server first.</summary>
    public int ProcessCount() => Tree().Count;

    private List<int> Tree() => [.. TreeWithParents().Select(p => p.Process)];

    private List<(int Process, int Parent)> TreeWithParents()
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var process)
                || Stat(process) is not { } fields)
            {
                continue;
            }

            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            if (!parents.TryGetValue(parent, out var children))
            {
                parents[parent] = children = [];
            }

            children.Add(process);
        }

        var tree = new List<(int Process, int Parent)> { (pid, 0) };
        for (var i = 0; i < tree.Count; i++)
        {
            if (parents.TryGetValue(tree[i].Process, out var children))
            {
                tree.AddRange(children.Select(child => (child, tree[i].Process)));
            }
        }

        return tree;
    }

    // The fields after the parenthesised command name (which may hold spaces): [0] is the state, [1] the parent,
    // [11..14] utime, stime, cutime, cstime.
    private static string[]? Stat(int process)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{process}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Threads of the server process alone, or null.</summary>
    public int? Threads() => ReadNumber(pid, "status", "Threads:") is { } threads ? (int)threads : null;

    /// <summary>Open file descriptors of the server process alone (sockets, files, pipes, event fds: every entry of <c>/proc/PID/fd</c>), or null.</summary>
    public int? OpenFiles()
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Count();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private double? SumKiB(string file, string key)
    {
        double? total = null;
        foreach (var process in Tree())
        {
            if (ReadNumber(process, file, key) is { } kib)
            {
                total = (total ?? 0) + kib;
            }
            else if (process == pid)
            {
                return null;
            }
        }

        return total;
    }

    // The first number after `key` in /proc/PROCESS/FILE (kB for memory lines).
    private static double? ReadNumber(int process, string file, string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{process}/{file}").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? null : double.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
