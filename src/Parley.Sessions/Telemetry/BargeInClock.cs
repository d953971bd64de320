namespace Parley.Sessions.Telemetry;

/// <summary>Times barge-ins: from the onset of speech over the agent to the reply being cut off.</summary>
/// <param name="time">The session's clock.</param>
internal sealed class BargeInClock(TimeProvider time)
{
    private long _onset;

    /// <summary>The user started speaking (over the agent or not; only a barge-in reads it).</summary>
    public void SpeechStarted() => _onset = time.GetTimestamp();

    /// <summary>The speech that began at the last onset has just cut the agent off.</summary>
    public void CutOff()
    {
        if (_onset != 0)
        {
            ParleyMetrics.BargeInLatency.Record(time.GetElapsedTime(_onset).TotalMilliseconds);
        }
    }
}
