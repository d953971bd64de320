namespace Parley.Sessions.Replies;

/// <summary>What the listener heard of a reply on a phone line: what the line confirmed playing (its marks), never an estimate.</summary>
/// <remarks>
/// The heard-text cut therefore lands on the last piece the line confirmed, though the words after it may have been
/// half heard: storing words the caller never heard would be worse, since the agent would take them as said.
/// </remarks>
internal sealed class LinePlayback(LineOutput output, AudioPacer pacer, TimeProvider time) : IReplyPlayback
{
    // A line that stops confirming (a carrier without marks, or one that fell silent) must not hold the reply for ever:
    // once the pacer says all has played, it is given this long to confirm.
    private static readonly TimeSpan ConfirmationGrace = TimeSpan.FromSeconds(3);

    // Each piece's end on the line's timeline, and on the reply's own (where its text was laid): the line confirms only
    // piece ends, so what it played maps onto the reply exactly, with no rounding between samples and time.
    private readonly List<(long LineEnd, TimeSpan ReplyEnd)> _pieces = [];
    private readonly Lock _gate = new();
    private volatile bool _paused;

    public TimeSpan Played
    {
        get
        {
            var played = output.Line.Played;
            lock (_gate)
            {
                var heard = TimeSpan.Zero;
                foreach (var (lineEnd, replyEnd) in _pieces)
                {
                    if (lineEnd > played)
                    {
                        break;
                    }

                    heard = replyEnd;
                }

                return heard;
            }
        }
    }

    public bool CanPause => true;

    public void PieceSent(TimeSpan end)
    {
        var lineEnd = output.Sent;
        lock (_gate)
        {
            _pieces.Add((lineEnd, end));
        }

        output.Line.ConfirmWhenPlayed(lineEnd);
    }

    public void FrameSent(int samples) => output.Add(samples);

    public async Task WaitUntilPlayedAsync(CancellationToken cancellationToken)
    {
        var end = output.Sent;
        while (true)
        {
            await pacer.WaitUntilPlayedAsync(cancellationToken).ConfigureAwait(false);
            var confirmed = output.Line.WhenPlayedAsync(end, cancellationToken);
            await Task.WhenAny(confirmed, Task.Delay(ConfirmationGrace, time, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();

            // While the line is paused (the user speaks over it), its audio waits: so does the reply, until the words decide.
            if (confirmed.IsCompleted || !_paused)
            {
                return;
            }
        }
    }

    public void Pause()
    {
        _paused = true;
        output.Line.Pause();
    }

    public void Resume()
    {
        _paused = false;
        output.Line.Resume();
    }
}
