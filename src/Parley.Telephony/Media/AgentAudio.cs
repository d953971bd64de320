using Parley.Engines.Audio;
using Parley.Protocol;

namespace Parley.Telephony.Media;

/// <summary>The agent's side of the line: 24 kHz speech resampled to 8 kHz, µ-law encoded and cut into 20 ms frames, one filter for a stretch of speech.</summary>
/// <remarks>Each frame is tagged with the output position (24 kHz samples of the session's output) its audio reaches, so marks land after the right frame.</remarks>
internal sealed class AgentAudio
{
    /// <summary>Bytes of one 20 ms µ-law frame.</summary>
    public const int FrameBytes = CallerAudio.LineRate / 50;

    /// <summary>Output samples (24 kHz) in one 20 ms frame.</summary>
    public const int FrameOutputSamples = AudioFormats.OutputSampleRate / 50;

    private readonly StreamingResampler _resampler = new(AudioFormats.OutputSampleRate, CallerAudio.LineRate);
    private readonly byte[] _partial = new byte[FrameBytes];
    private const int OutputSamplesPerLineSample = AudioFormats.OutputSampleRate / CallerAudio.LineRate;

    private short[] _resampled = new short[1024];
    private int _partialLength;

    // Where the resampler's output stands on the output timeline: each line sample stands for three output samples.
    private long _base;
    private long _lineSamples;

    /// <summary>Output position reached by what has come in.</summary>
    public long Received { get; private set; }

    /// <summary>Takes agent audio; adds the whole frames it completes to <paramref name="frames"/>.</summary>
    public void Add(ReadOnlySpan<short> samples, List<LineFrame> frames)
    {
        Received += samples.Length;
        var needed = _resampler.MaxOutput(samples.Length);
        if (_resampled.Length < needed)
        {
            _resampled = new short[needed];
        }

        var written = _resampler.Process(samples, _resampled);
        foreach (var sample in _resampled.AsSpan(0, written))
        {
            _partial[_partialLength++] = MuLaw.Encode(sample);
            _lineSamples++;
            if (_partialLength == FrameBytes)
            {
                frames.Add(new LineFrame([.. _partial], Math.Min(Received, _base + (_lineSamples * OutputSamplesPerLineSample))));
                _partialLength = 0;
            }
        }
    }

    /// <summary>Ends a stretch of speech (a piece is complete): the part-frame left goes out padded with silence.</summary>
    public void Finish(List<LineFrame> frames)
    {
        if (_partialLength > 0)
        {
            Array.Fill(_partial, MuLaw.Silence, _partialLength, FrameBytes - _partialLength);
            frames.Add(new LineFrame([.. _partial], Received));
            _partialLength = 0;
        }
    }

    /// <summary>Drops what is held (the line was cleared): the next speech starts afresh.</summary>
    public void Reset()
    {
        _partialLength = 0;
        _resampler.Reset();
        _base = Received;
        _lineSamples = 0;
    }
}
