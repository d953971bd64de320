using System.Runtime.InteropServices;
using Parley.Engines.Audio;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;

namespace Parley.Telephony.Media;

/// <summary>The caller's side of the line: µ-law 8 kHz chunks decoded and resampled to the listener's 16 kHz, one filter for the whole call.</summary>
internal sealed class CallerAudio
{
    /// <summary>The rate of phone audio.</summary>
    public const int LineRate = 8000;

    /// <summary>Largest chunk taken at once (a carrier sends 20 ms; Telnyx allows up to 30 s back, not forth).</summary>
    public const int MaxChunkBytes = 8000;

    private readonly StreamingResampler _resampler = new(LineRate, AudioFormats.InputSampleRate);
    private readonly short[] _decoded = new short[MaxChunkBytes];
    private readonly short[] _resampled;

    public CallerAudio() => _resampled = new short[_resampler.MaxOutput(MaxChunkBytes)];

    /// <summary>One chunk as the session's <c>audio</c> frame; null for a chunk too large to be a carrier's.</summary>
    public byte[]? Frame(ReadOnlySpan<byte> mulaw)
    {
        if (mulaw.Length > MaxChunkBytes)
        {
            return null;
        }

        MuLaw.Decode(mulaw, _decoded);
        var written = _resampler.Process(_decoded.AsSpan(0, mulaw.Length), _resampled);
        var data = Convert.ToBase64String(MemoryMarshal.AsBytes(_resampled.AsSpan(0, written)));
        return VoiceMessageCodec.Serialize(new AudioMessage(new AudioPayload { Data = data, MimeType = AudioFormats.InputMimeType }));
    }
}
