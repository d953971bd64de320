using System.Runtime.InteropServices;

namespace Parley.Engines.SpeechToText;

/// <summary>Hands memory that native engines freed back to the operating system (glibc's <c>malloc_trim</c>).</summary>
/// <remarks>
/// A PocketSphinx decoder is ~90 MiB of small <c>malloc</c> blocks, made on whichever thread built it. Freeing it
/// returns the blocks to glibc's arenas, which keep them resident for later allocations: without a trim, a pool
/// that frees decoders after a burst does not shrink the process at all.
/// </remarks>
internal static partial class NativeHeap
{
    private static volatile bool _unavailable;

    /// <summary>Releases the free pages of every malloc arena; does nothing where the C library has no <c>malloc_trim</c> (musl, macOS, Windows).</summary>
    public static void ReleaseFreedMemory()
    {
        if (_unavailable || !OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = malloc_trim(0);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int malloc_trim(nuint pad);
}
