using System.Diagnostics;

namespace Parley.Testing.Documents;

/// <summary>A named pipe in place of a file: whoever opens it to read waits until a writer comes, so "still reading" lasts as long as a test needs.</summary>
public static class BlockedFile
{
    /// <summary>Replaces the file at <paramref name="path"/> (if any) with a named pipe that no one writes.</summary>
    public static void Create(string path)
    {
        File.Delete(path);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path} failed with exit code {mkfifo.ExitCode}.");
        }
    }

    /// <summary>Ids of the processes whose command line names <paramref name="path"/>: the PDF readers started for it.</summary>
    public static IReadOnlyList<int> ReadersOf(string path)
    {
        var readers = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(folder, "cmdline")).Split('\0').Contains(path, StringComparer.Ordinal))
                {
                    readers.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return readers;
    }

    /// <summary>Waits (at most 30 s) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 30 s for {what}.");
            }

            await Task.Delay(20);
        }
    }
}
