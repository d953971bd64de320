using Parley.Engines.Audio;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>Nearest-sample resampling: enough for audio nobody listens to, and no native library needed.</summary>
internal sealed class ScriptedResampler : IAudioResampler
{
    public short[] Resample(ReadOnlySpan<short> input, int inputRate, int outputRate)
    {
        var output = new short[(int)((long)input.Length * outputRate / inputRate)];
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = input[(int)((long)i * inputRate / outputRate)];
        }

        return output;
    }
}
