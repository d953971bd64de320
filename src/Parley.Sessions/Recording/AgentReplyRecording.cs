namespace Parley.Sessions.Recording;

/// <summary>
/// One reply's audio as it was played: frames are held back while they may still be cut off, and kept once the
/// listener must have heard them, or when the reply says how much was played.
/// </summary>
/// <remarks>
/// The pacer sends audio at most <c>PlaybackLead</c> (and a frame) ahead of playing, so an interruption can only cut
/// what lies within that much of the newest frame: audio older than that is kept as it comes, and the memory held
/// is that lead, however long the reply. When the reply ends it tells how much of it played (all of it, or up to the
/// interruption), and the frames held are kept up to that point.
/// </remarks>
internal sealed class AgentReplyRecording(long holdBackSamples)
{
    private readonly Queue<Frame> _held = new();
    private long _heldSamples;
    private long _nextReplyPosition;
    private long _lastEnd = -1;

    /// <summary>The clip's file, opened with the first audio kept.</summary>
    public RecordingFile? File { get; set; }

    /// <summary>Where the first audio kept lies on the call track (24 kHz sample frames).</summary>
    public long StartPosition { get; private set; } = -1;

    /// <summary>Where the first frame still held lies on the call track; null when none is held.</summary>
    public long? HeldFrom => _held.Count == 0 ? null : _held.Peek().Position;

    /// <summary>A frame sent to the client, playing at <paramref name="position"/> on the call track; returns the frames now certainly heard.</summary>
    public IEnumerable<Kept> Add(ReadOnlyMemory<short> samples, long position)
    {
        // Frames of one piece follow each other; rounding the play time of each may leave a sample between them.
        if (_lastEnd >= 0 && Math.Abs(position - _lastEnd) <= 2)
        {
            position = _lastEnd;
        }

        _lastEnd = position + samples.Length;
        _held.Enqueue(new Frame(samples, position, _nextReplyPosition));
        _nextReplyPosition += samples.Length;
        _heldSamples += samples.Length;
        var kept = new List<Kept>();
        while (_held.Count > 0 && _heldSamples - _held.Peek().Samples.Length >= holdBackSamples)
        {
            kept.Add(Keep(_held.Dequeue(), all: true, 0));
        }

        return kept;
    }

    /// <summary>The reply is over and <paramref name="heardSamples"/> of it played: the frames held, cut there.</summary>
    public IEnumerable<Kept> End(long heardSamples)
    {
        var kept = new List<Kept>();
        while (_held.TryDequeue(out var frame))
        {
            var take = Math.Clamp(heardSamples - frame.ReplyPosition, 0, frame.Samples.Length);
            if (take > 0)
            {
                kept.Add(Keep(frame, all: false, (int)take));
            }
        }

        _heldSamples = 0;
        return kept;
    }

    private Kept Keep(Frame frame, bool all, int take)
    {
        if (all)
        {
            _heldSamples -= frame.Samples.Length;
        }

        if (StartPosition < 0)
        {
            StartPosition = frame.Position;
        }

        return new Kept(all ? frame.Samples : frame.Samples[..take], frame.Position);
    }

    /// <summary>Audio of the reply that was heard, and where it played on the call track.</summary>
    public readonly record struct Kept(ReadOnlyMemory<short> Samples, long Position);

    private readonly record struct Frame(ReadOnlyMemory<short> Samples, long Position, long ReplyPosition);
}
