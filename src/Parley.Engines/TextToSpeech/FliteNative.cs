using System.Runtime.InteropServices;

namespace Parley.Engines.TextToSpeech;

/// <summary>P/Invoke bindings for Flite 2.2 (Debian <c>libflite1</c>) and its per-library voices.</summary>
internal static unsafe partial class FliteNative
{
    private const string Library = "libflite.so.1";

    /// <summary>Initialises Flite's global tables; once per process.</summary>
    [LibraryImport(Library)]
    public static partial int flite_init();

    /// <summary>Synthesises text with a registered voice; the caller frees the wave with <see cref="delete_wave"/>.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial Wave* flite_text_to_wave(string text, nint voice);

    /// <summary>Frees a wave returned by <see cref="flite_text_to_wave"/>.</summary>
    [LibraryImport(Library)]
    public static partial void delete_wave(Wave* wave);

    /// <summary>Loads <c>libflite_cmu_us_NAME.so.1</c> and calls its <c>register_cmu_us_NAME(NULL)</c>.</summary>
    /// <remarks>Each voice lives in its own library under its own symbol, which a static import cannot express.</remarks>
    public static nint RegisterVoice(string name)
    {
        var library = NativeLibrary.Load($"libflite_cmu_us_{name}.so.1");
        var register = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(library, $"register_cmu_us_{name}");

        // The library stays loaded for the life of the process: the voice's data lives in it.
        return register(0);
    }

    /// <summary><c>cst_wave</c>: a block of samples Flite owns.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Wave
    {
        public nint Type;
        public int SampleRate;
        public int SampleCount;
        public int ChannelCount;
        public short* Samples;
    }
}
