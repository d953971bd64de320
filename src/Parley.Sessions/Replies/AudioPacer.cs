namespace Parley.Sessions.Replies;

/// <summary>Releases agent audio no more than a small lead ahead of real time, and knows how much has been played.</summary>
/// <remarks>
/// The client's playback clock starts with the first frame. When synthesis falls behind, the client runs dry and
/// its clock restarts when audio comes again, so the pacer moves its start forward to stay in step.
/// </remarks>
internal sealed class AudioPacer(TimeProvider timeProvider, TimeSpan lead)
{
    private long _startTimestamp;
    private bool _started;
    private TimeSpan _sent;

    /// <summary>Audio released so far.</summary>
    public TimeSpan Sent => _sent;

    /// <summary>Audio the listener has heard by now, assuming playback began as the first frame arrived.</summary>
    public TimeSpan Played => _started ? Min(_sent, timeProvider.GetElapsedTime(_startTimestamp)) : TimeSpan.Zero;

    /// <summary>When (a timestamp of the pacer's clock) the audio at <paramref name="position"/> of the reply plays, once sent.</summary>
    public long PlaysAt(TimeSpan position) => _startTimestamp + (long)(position.TotalSeconds * timeProvider.TimestampFrequency);

    /// <summary>Waits until a frame of <paramref name="duration"/> may be sent, then counts it as sent.</summary>
    public async ValueTask WaitToSendAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        if (!_started)
        {
            _started = true;
            _startTimestamp = timeProvider.GetTimestamp();
        }
        else if (timeProvider.GetElapsedTime(_startTimestamp) > _sent)
        {
            // Underrun: the client has played everything; its clock resumes now.
            _startTimestamp = timeProvider.GetTimestamp() - (long)(_sent.TotalSeconds * timeProvider.TimestampFrequency);
        }

        var wait = _sent - lead - timeProvider.GetElapsedTime(_startTimestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
        }

        _sent += duration;
    }

    /// <summary>Waits until everything sent has been played.</summary>
    public Task WaitUntilPlayedAsync(CancellationToken cancellationToken)
    {
        var remaining = _sent - Played;
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, timeProvider, cancellationToken) : Task.CompletedTask;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
