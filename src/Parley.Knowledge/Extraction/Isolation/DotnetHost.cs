using System.Runtime.InteropServices;

namespace Parley.Knowledge.Extraction.Isolation;

/// <summary>How to start a .NET program that lies beside this one: through the <c>dotnet</c> host this process runs on.</summary>
internal static class DotnetHost
{
    /// <summary>The <c>dotnet</c> executable of the running runtime, or null when there is none (a self-contained app).</summary>
    public static string? Muxer { get; } = FindMuxer();

    private static string? FindMuxer()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } process && string.Equals(Path.GetFileName(process), name, StringComparison.OrdinalIgnoreCase))
        {
            return process;
        }

        // The shared runtime lives at ROOT/shared/Microsoft.NETCore.App/VERSION/, the host at ROOT/dotnet.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var muxer = Path.Combine(root, name);
        return File.Exists(muxer) ? muxer : null;
    }
}
