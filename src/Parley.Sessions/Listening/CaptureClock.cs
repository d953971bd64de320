namespace Parley.Sessions.Listening;

/// <summary>When each microphone chunk was recorded, from the audio's own position, steadied against network and scheduling delays.</summary>
/// <remarks>
/// A chunk's arrival time is its recording time plus a delay that varies (the network, a busy server reading its
/// socket late, chunks arriving in a bunch). The audio itself runs at a steady 16 kHz, so recording time =
/// origin + position, where the origin is the least delayed arrival seen (arrival − position, its minimum). A
/// chunk arriving far later than the audio explains (over <see cref="GapTolerance"/>) means the client stopped
/// sending for a while (a muted microphone): the clock starts again from it.
/// </remarks>
internal sealed class CaptureClock(TimeProvider time, int sampleRate)
{
    /// <summary>Delays up to this are jitter; beyond, the client paused.</summary>
    public static readonly TimeSpan GapTolerance = TimeSpan.FromSeconds(2);

    private readonly long _gapTicks = (long)(GapTolerance.TotalSeconds * time.TimestampFrequency);
    private long _samples;
    private long? _origin;

    /// <summary>Counts a chunk of <paramref name="sampleCount"/> samples arriving now; returns when its last sample was recorded (a timestamp).</summary>
    public long ChunkArrived(int sampleCount)
    {
        _samples += sampleCount;
        var position = (long)((double)_samples / sampleRate * time.TimestampFrequency);
        var origin = time.GetTimestamp() - position;
        if (_origin is not { } steady || origin < steady || origin - steady > _gapTicks)
        {
            _origin = origin;
        }

        return _origin.Value + position;
    }
}
