using System.Runtime.InteropServices;

namespace Parley.Engines.Audio;

/// <summary>P/Invoke bindings for the SoX resampler (Debian <c>libsoxr0</c>), per <c>soxr.h</c> 0.1.3.</summary>
internal static unsafe partial class SoxrNative
{
    private const string Library = "libsoxr.so.0";

    /// <summary><c>SOXR_INT16_I</c>: interleaved 16-bit integer samples.</summary>
    public const int Int16Interleaved = 3;

    /// <summary><c>SOXR_HQ</c> (= <c>SOXR_20_BITQ</c>): the 'high quality' recipe.</summary>
    public const nuint HighQuality = 4;

    /// <summary><c>SOXR_NO_DITHER</c>: io spec flag that turns off TPDF dither on int16 output.</summary>
    public const nuint NoDither = 8;

    /// <summary>Returns the default io spec for the given sample types.</summary>
    [LibraryImport(Library)]
    public static partial IoSpec soxr_io_spec(int inputType, int outputType);

    /// <summary>Returns the quality spec for a recipe such as <see cref="HighQuality"/>.</summary>
    [LibraryImport(Library)]
    public static partial QualitySpec soxr_quality_spec(nuint recipe, nuint flags);

    /// <summary>Returns a runtime spec using the given number of threads.</summary>
    [LibraryImport(Library)]
    public static partial RuntimeSpec soxr_runtime_spec(uint threads);

    /// <summary>Resamples a whole clip held in memory; returns null on success, else a static error string.</summary>
    [LibraryImport(Library)]
    public static partial byte* soxr_oneshot(
        double inputRate,
        double outputRate,
        uint channels,
        void* input,
        nuint inputLength,
        nuint* inputDone,
        void* output,
        nuint outputLength,
        nuint* outputDone,
        IoSpec* ioSpec,
        QualitySpec* qualitySpec,
        RuntimeSpec* runtimeSpec);

    /// <summary><c>soxr_io_spec_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoSpec
    {
        public int InputType;
        public int OutputType;
        public double Scale;
        public nint Reserved;
        public nuint Flags;
    }

    /// <summary><c>soxr_quality_spec_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct QualitySpec
    {
        public double Precision;
        public double PhaseResponse;
        public double PassbandEnd;
        public double StopbandBegin;
        public nint Reserved;
        public nuint Flags;
    }

    /// <summary><c>soxr_runtime_spec_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct RuntimeSpec
    {
        public uint Log2MinDftSize;
        public uint Log2LargeDftSize;
        public uint CoefficientSizeKilobytes;
        public uint Threads;
        public nint Reserved;
        public nuint Flags;
    }
}
