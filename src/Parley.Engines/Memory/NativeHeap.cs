using System.Runtime.InteropServices;

namespace Parley.Engines.Memory;

/// <summary>Hands memory that native engines freed back to the operating system (glibc's <c>malloc_trim</c>).</summary>
/// <remarks>
/// Native engines allocate with <c>malloc</c> on whichever thread runs them (an in-process PocketSphinx decoder is
/// ~90 MiB of small blocks; ONNX Runtime, Flite and SQLite allocate per call). Freed blocks go back to glibc's
/// arenas, which keep them resident for later allocations: without a trim, a pool that frees decoders after a burst
/// does not shrink the process, and a server that ran 1,000 sessions holds ~30 MiB more than after 100, all free.
/// </remarks>
public static partial class NativeHeap
{
    private static volatile bool _unavailable;

    /// <summary>
    /// Releases the free pages of every malloc arena; false, doing nothing, where the C library has no
    /// <c>malloc_trim</c> (musl, macOS, Windows).
    /// </summary>
    public static bool ReleaseFreedMemory()
    {
        if (_unavailable || !OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            _ = malloc_trim(0); // 1 when pages were given back, 0 when none were free: both are success
            return true;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int malloc_trim(nuint pad);
}
