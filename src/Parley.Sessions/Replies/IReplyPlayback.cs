namespace Parley.Sessions.Replies;

/// <summary>Where a reply learns how much of its audio the listener has heard; the heard-text cut comes from it.</summary>
/// <remarks>
/// By default the pacer's estimate (<see cref="PacedPlayback"/>): a client plays what it receives at once. A phone line
/// reports what it played itself (<see cref="LinePlayback"/>). Positions are the reply's own, from its first frame.
/// </remarks>
internal interface IReplyPlayback
{
    /// <summary>The reply's audio heard so far.</summary>
    TimeSpan Played { get; }

    /// <summary>Whether the far end can fall silent at once and play again (see <see cref="Transport.IPlaybackLine"/>).</summary>
    bool CanPause { get; }

    /// <summary>A piece's last frame was sent; it ends at <paramref name="end"/> of the reply's audio (its length is known only now: speech streams in chunks).</summary>
    void PieceSent(TimeSpan end);

    /// <summary>A frame of <paramref name="samples"/> samples was sent.</summary>
    void FrameSent(int samples);

    /// <summary>Waits until everything sent has been heard.</summary>
    Task WaitUntilPlayedAsync(CancellationToken cancellationToken);

    /// <summary>Silences the far end at once (no-op where it cannot).</summary>
    void Pause();

    /// <summary>Plays again what <see cref="Pause"/> silenced.</summary>
    void Resume();
}
