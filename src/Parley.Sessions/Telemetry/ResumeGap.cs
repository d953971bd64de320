namespace Parley.Sessions.Telemetry;

/// <summary>Times the silence of a false interruption: the agent cut off → the first frame of the rest of its reply.</summary>
/// <param name="time">The session's clock.</param>
/// <param name="cutAt">When the agent was cut off (a timestamp of <paramref name="time"/>).</param>
internal sealed class ResumeGap(TimeProvider time, long cutAt)
{
    private bool _recorded;

    /// <summary>The resumed reply posted a frame (only the first call counts).</summary>
    public void FirstFrame()
    {
        if (!_recorded)
        {
            _recorded = true;
            ParleyMetrics.FalseInterruptionGap.Record(time.GetElapsedTime(cutAt).TotalMilliseconds);
        }
    }
}
