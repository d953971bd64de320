namespace Parley.Client.Audio;

/// <summary>Finds programs on a search path, as a shell would.</summary>
internal static class ExecutableSearch
{
    /// <summary>The full path of <paramref name="fileName"/> on <paramref name="searchPath"/> (default: <c>PATH</c>), or null.</summary>
    public static string? Find(string fileName, string? searchPath = null)
    {
        if (fileName.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return IsExecutable(fileName) ? fileName : null;
        }

        var directories = (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories.Select(d => Path.Combine(d, fileName)).FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        return OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
