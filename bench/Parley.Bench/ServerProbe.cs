using System.Globalization;

namespace Parley.Bench;

/// <summary>Reads the server process's CPU time and resident memory from <c>/proc/PID</c> (Linux only).</summary>
internal sealed class ServerProbe(int pid)
{
    // USER_HZ is 100 on every Linux the server targets; /proc reports CPU time in those ticks.
    private const double TicksPerSecond = 100;

    public int Pid => pid;

    /// <summary>User + system CPU seconds so far, or null when /proc cannot be read.</summary>
    public double? CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the parenthesised command name, which may itself hold spaces.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (user + system) / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Resident set size in MiB, or null.</summary>
    public double? RssMiB() => StatusNumber("VmRSS:") / 1024.0;

    /// <summary>Threads of the process, or null.</summary>
    public int? Threads() => StatusNumber("Threads:") is { } threads ? (int)threads : null;

    /// <summary>Open file descriptors (sockets, files, pipes, event fds: every entry of <c>/proc/PID/fd</c>), or null.</summary>
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

    private double? StatusNumber(string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? null : double.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
