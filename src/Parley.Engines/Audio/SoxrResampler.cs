using System.Runtime.InteropServices;

namespace Parley.Engines.Audio;

/// <summary>Resamples PCM16 mono clips with libsoxr at its 'high quality' setting.</summary>
public sealed unsafe class SoxrResampler : IAudioResampler
{
    // The specs are plain values, so they are built once and shared; each call creates its own resampler inside
    // soxr_oneshot, which is what makes this class thread-safe.
    private static readonly Specs Shared = Specs.Create();

    /// <inheritdoc />
    /// <remarks>The output has exactly ceil(n × outputRate / inputRate) samples.</remarks>
    public short[] Resample(ReadOnlySpan<short> input, int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        if (inputRate == outputRate)
        {
            return input.ToArray();
        }

        if (input.IsEmpty)
        {
            return [];
        }

        var output = new short[OutputLength(input.Length, inputRate, outputRate)];
        var specs = Shared;
        nuint inputDone = 0;
        nuint outputDone = 0;
        byte* error;
        fixed (short* inputPointer = input)
        fixed (short* outputPointer = output)
        {
            error = SoxrNative.soxr_oneshot(
                inputRate,
                outputRate,
                1,
                inputPointer,
                (nuint)input.Length,
                &inputDone,
                outputPointer,
                (nuint)output.Length,
                &outputDone,
                &specs.Io,
                &specs.Quality,
                &specs.Runtime);
        }

        if (error is not null)
        {
            throw new InvalidOperationException(
                $"soxr failed to resample {input.Length} samples from {inputRate} Hz to {outputRate} Hz: {Marshal.PtrToStringUTF8((nint)error)}");
        }

        // soxr may deliver a sample or so fewer than the rounded-up length; the tail stays zero (silence) so that
        // callers can rely on the documented length.
        return output;
    }

    /// <summary>Number of samples a clip of <paramref name="inputLength"/> samples resamples to.</summary>
    public static int OutputLength(int inputLength, int inputRate, int outputRate) =>
        checked((int)(((long)inputLength * outputRate + inputRate - 1) / inputRate));

    private struct Specs
    {
        public SoxrNative.IoSpec Io;
        public SoxrNative.QualitySpec Quality;
        public SoxrNative.RuntimeSpec Runtime;

        public static Specs Create()
        {
            var io = SoxrNative.soxr_io_spec(SoxrNative.Int16Interleaved, SoxrNative.Int16Interleaved);

            // The input is already 16-bit, so dither would only add noise: without it the output is deterministic
            // and digital silence stays exactly silent, which the silence checks rely on.
            io.Flags |= SoxrNative.NoDither;
            return new Specs
            {
                Io = io,
                Quality = SoxrNative.soxr_quality_spec(SoxrNative.HighQuality, 0),

                // Clips are short and many sessions resample at once: extra threads would only contend.
                Runtime = SoxrNative.soxr_runtime_spec(1),
            };
        }
    }
}
