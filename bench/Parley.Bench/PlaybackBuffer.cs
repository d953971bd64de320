namespace Parley.Bench;

/// <summary>
/// A client's playback of one answer: it starts playing the first frame as it arrives and plays continuously; when a
/// frame arrives after everything before it has played, the buffer ran dry (an underrun: the listener hears a gap)
/// and playback resumes with that frame.
/// </summary>
/// <remarks>
/// This is what "falling behind real time" means to a listener: agent audio arriving slower than it plays once the
/// answer has started. A pause the server paces on purpose never drains the buffer, since the server stays a lead
/// ahead of real time.
/// </remarks>
internal sealed class PlaybackBuffer
{
    private double? _startMs;
    private double _receivedMs;

    /// <summary>Total time the buffer was empty mid-answer.</summary>
    public double UnderrunMs { get; private set; }

    /// <summary>How many times it ran dry.</summary>
    public int Underruns { get; private set; }

    /// <summary>The longest single gap.</summary>
    public double LongestUnderrunMs { get; private set; }

    /// <summary>A frame of <paramref name="durationMs"/> arrived at <paramref name="atMs"/>.</summary>
    public void OnFrame(double atMs, double durationMs)
    {
        if (_startMs is not { } start)
        {
            _startMs = atMs;
        }
        else
        {
            var played = atMs - start;
            if (played > _receivedMs)
            {
                var gap = played - _receivedMs;
                UnderrunMs += gap;
                Underruns++;
                LongestUnderrunMs = Math.Max(LongestUnderrunMs, gap);
                _startMs = start + gap;
            }
        }

        _receivedMs += durationMs;
    }
}
