using System.Runtime.InteropServices;

namespace Parley.Server.Memory;

/// <summary>The C heap of this process: glibc's <c>malloc_trim</c>, where there is one.</summary>
internal static partial class NativeHeap
{
    /// <summary>
    /// Returns the free memory at the top of every malloc arena and the free pages inside them to the system; false
    /// where the C library has no <c>malloc_trim</c> (not Linux, or a libc other than glibc).
    /// </summary>
    public static bool TryTrim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            _ = malloc_trim(0); // 1 when memory was given back, 0 when there was none to give: both are success
            return true;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int malloc_trim(nuint pad);
}
