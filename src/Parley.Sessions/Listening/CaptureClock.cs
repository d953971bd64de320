namespace Parley.Sessions.Listening;

/// <summary>When each microphone chunk was recorded, from the audio's own position, steadied against network and scheduling delays.</summary>
/// <remarks>
/// <para>
/// A chunk's arrival time is its recording time plus a delay that varies (the network, a busy server reading its
/// socket late, chunks arriving in a bunch). The audio itself runs at a steady 16 kHz, so recording time =
/// origin + position, where the origin is the least delayed arrival seen (arrival − position, its minimum). A
/// chunk arriving far later than the audio explains (over <see cref="GapTolerance"/>) means the client stopped
/// sending for a while (a muted microphone): the clock starts again from it.
/// </para>
/// <para>
/// Audio arriving faster than real time (a file, or what a client buffered before the session was ready) cannot
/// have been recorded as it arrives: when was is unknown. Such a chunk is <see cref="Chunk.Early"/>, and its time
/// is not to be trusted (the echo check leaves it alone).
/// </para>
/// </remarks>
internal sealed class CaptureClock(TimeProvider time, int sampleRate)
{
    /// <summary>Delays up to this are jitter; beyond, the client paused.</summary>
    public static readonly TimeSpan GapTolerance = TimeSpan.FromSeconds(2);

    /// <summary>Audio ahead of the steady clock by more than this arrived faster than it could have been recorded.</summary>
    public static readonly TimeSpan EarlyTolerance = TimeSpan.FromMilliseconds(250);

    // How far back the clock looks to tell a burst: audio that gained more than EarlyTolerance on the clock as it stood a
    // second ago came faster than real time (a single late chunk followed by punctual ones gains nothing on it).
    private static readonly TimeSpan ReferenceAge = TimeSpan.FromSeconds(1);

    private readonly long _gapTicks = (long)(GapTolerance.TotalSeconds * time.TimestampFrequency);
    private readonly long _earlyTicks = (long)(EarlyTolerance.TotalSeconds * time.TimestampFrequency);
    private readonly long _referenceTicks = (long)(ReferenceAge.TotalSeconds * time.TimestampFrequency);
    private long _samples;
    private long? _origin;
    private long _reference;
    private long _referenceTakenAt;

    /// <summary>When a chunk's last sample was recorded (a timestamp), and whether it came faster than real time.</summary>
    public readonly record struct Chunk(long RecordedUntil, bool Early);

    /// <summary>Counts a chunk of <paramref name="sampleCount"/> samples arriving now.</summary>
    public Chunk ChunkArrived(int sampleCount)
    {
        _samples += sampleCount;
        var now = time.GetTimestamp();
        var position = (long)((double)_samples / sampleRate * time.TimestampFrequency);
        var origin = now - position;
        var gained = _origin is { } before && origin < before;
        if (_origin is not { } steady || origin < steady || origin - steady > _gapTicks)
        {
            var restarted = _origin is null || origin - _origin > _gapTicks;
            _origin = origin;
            if (restarted)
            {
                TakeReference(now);
            }
        }

        // Early: this chunk came sooner than its audio explains, and the audio has gained on the clock beyond jitter.
        var early = gained && _reference - origin > _earlyTicks;
        if (now - _referenceTakenAt >= _referenceTicks)
        {
            TakeReference(now);
        }

        return new Chunk(_origin.Value + position, early);
    }

    private void TakeReference(long now)
    {
        _reference = _origin!.Value;
        _referenceTakenAt = now;
    }
}
