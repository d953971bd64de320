using System.Buffers.Text;

namespace Parley.Sessions.Listening;

/// <summary>Checks and decodes incoming microphone chunks, and keeps audio from running ahead of the wall clock.</summary>
/// <remarks>
/// A client may send a file faster than real time, within <see cref="VoiceSessionOptions.AudioBurstAllowance"/>
/// of the wall clock; beyond that chunks are refused, so nobody can pour hours of audio into the recogniser.
/// </remarks>
internal sealed class AudioIngress(VoiceSessionOptions options, TimeProvider timeProvider, int sampleRate)
{
    private readonly long _startTimestamp = timeProvider.GetTimestamp();
    private long _acceptedSamples;

    /// <summary>Refused-for-rate chunks in a row.</summary>
    public int RateStrikes { get; private set; }

    /// <summary>Decodes a base64 chunk into samples, or says why not.</summary>
    public AudioChunkResult TryAccept(string? base64, out short[] samples)
    {
        samples = [];
        if (string.IsNullOrEmpty(base64))
        {
            return AudioChunkResult.NotBase64;
        }

        var maxDecoded = Base64.GetMaxDecodedFromUtf8Length(base64.Length);
        if (maxDecoded > options.MaxAudioChunkBytes + 2)
        {
            return AudioChunkResult.TooLarge;
        }

        var bytes = new byte[maxDecoded];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return AudioChunkResult.NotBase64;
        }

        if (written > options.MaxAudioChunkBytes)
        {
            return AudioChunkResult.TooLarge;
        }

        if (written % 2 != 0)
        {
            return AudioChunkResult.OddByteCount;
        }

        var sampleCount = written / 2;
        var allowed = (timeProvider.GetElapsedTime(_startTimestamp) + options.AudioBurstAllowance).TotalSeconds * sampleRate;
        if (_acceptedSamples + sampleCount > allowed)
        {
            RateStrikes++;
            return AudioChunkResult.RateLimited;
        }

        RateStrikes = 0;
        _acceptedSamples += sampleCount;
        samples = new short[sampleCount];
        Buffer.BlockCopy(bytes, 0, samples, 0, written);
        return AudioChunkResult.Accepted;
    }
}
