using Parley.Sessions.Transport;

namespace Parley.Sessions.Replies;

/// <summary>A session's agent audio on a line that confirms what it played: counts the session's output so each reply knows where it lies.</summary>
/// <remarks>One reply sends audio at a time (the turn owner starts the next only once the last has ended), so the count is one running sum.</remarks>
internal sealed class LineOutput(IPlaybackLine line)
{
    private long _sent;

    /// <summary>The line.</summary>
    public IPlaybackLine Line => line;

    /// <summary>Samples the session has sent so far, on the line's timeline.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Counts a frame sent.</summary>
    public void Add(int samples) => Interlocked.Add(ref _sent, samples);

    /// <summary>The playback position of a new reply, which starts at the next frame sent.</summary>
    public IReplyPlayback ForReply(AudioPacer pacer, TimeProvider time) => new LinePlayback(this, pacer, time);
}
