using System.Globalization;

namespace Parley.Bench;

/// <summary>Reads the CPU time and memory of the server and every process it started (Linux <c>/proc</c> only).</summary>
/// <remarks>
/// The server may decode speech in helper processes (PocketSphinx's forked mode), so the server alone would hide
/// their cost: every figure here is summed over the process tree. RSS counts pages shared between processes (the
/// copy-on-write model of forked decoders) once per process, so it overstates a tree of forks; PSS divides each shared
/// page among the processes that map it and is the fair measure of what the tree costs the machine.
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

    /// <summary>Resident set size of the tree in MiB (shared pages counted in every process), or null.</summary>
    public double? RssMiB() => SumKiB("status", "VmRSS:") / 1024.0;

    /// <summary>Proportional set size of the tree in MiB (shared pages divided among their processes), or null.</summary>
    public double? PssMiB() => SumKiB("smaps_rollup", "Pss:") / 1024.0;

    /// <summary>Processes in the tree, the server first.</summary>
    public int ProcessCount() => Tree().Count;

    private List<int> Tree()
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

        var tree = new List<int> { pid };
        for (var i = 0; i < tree.Count; i++)
        {
            if (parents.TryGetValue(tree[i], out var children))
            {
                tree.AddRange(children);
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
