namespace Parley.Sessions.Replies;

/// <summary>What a client heard of a reply, estimated by its pacer: the client plays audio as it arrives.</summary>
internal sealed class PacedPlayback(AudioPacer pacer) : IReplyPlayback
{
    public TimeSpan Played => pacer.Played;

    public bool CanPause => false;

    public void PieceSent(TimeSpan end)
    {
    }

    public void FrameSent(int samples)
    {
    }

    public Task WaitUntilPlayedAsync(CancellationToken cancellationToken) => pacer.WaitUntilPlayedAsync(cancellationToken);

    public void Pause()
    {
    }

    public void Resume()
    {
    }
}
