namespace Parley.Sessions.Telemetry;

/// <summary>When each stage of one spoken turn's answer happened, from the endpoint to the first audio frame sent.</summary>
/// <remarks>
/// Created by the listener when it decides the user has finished, then handed with the turn to its reply. Each
/// stage is recorded into <see cref="ParleyMetrics"/> the first time it is reached, so a reply cut off early still
/// reports the stages it got through. The stages happen one after another on one logical flow (listener, then the
/// reply's task), so no locking is needed; a speculative reply hands over the stages it reached before the endpoint
/// under its own lock, which its later stages take too (<c>ReplyHandle.Reached</c>).
/// </remarks>
internal sealed class TurnTimings
{
    private readonly TimeProvider _time;
    private readonly long _endpoint;
    private long _sttFinal;
    private long _firstText;
    private long _firstAudio;
    private bool _firstFrameSent;

    /// <summary>Told the turn's latency once its first frame is sent (the session keeps it for its <c>ended</c> event).</summary>
    public Action<TurnLatency>? Reached { get; set; }

    private TurnTimings(TimeProvider time)
    {
        _time = time;
        _endpoint = time.GetTimestamp();
    }

    /// <summary>The listener has decided the user's turn is over: the clock of this turn starts now.</summary>
    public static TurnTimings EndpointDecided(TimeProvider time) => new(time);

    /// <summary>The recogniser gave its final text.</summary>
    public void SttFinal()
    {
        if (_sttFinal == 0)
        {
            _sttFinal = _time.GetTimestamp();
            ParleyMetrics.EndpointToSttFinal.Record(Ms(_endpoint, _sttFinal));
        }
    }

    /// <summary>A reply to this turn has started.</summary>
    public void ReplyStarted() => ParleyMetrics.Turns.Add(1);

    /// <summary>The agent produced text (only the first call counts).</summary>
    public void FirstText() => FirstText(_time.GetTimestamp());

    /// <summary>Synthesised audio is ready to send (only the first call counts).</summary>
    public void FirstAudio() => FirstAudio(_time.GetTimestamp());

    /// <summary>
    /// The agent produced text at <paramref name="at"/> (a timestamp of the turn's clock), which may be before the
    /// endpoint for a reply prepared as the user paused: a stage reached before the one it follows counts as reached
    /// with it (it waited for nothing), so the stages still add up to the endpoint → first frame.
    /// </summary>
    public void FirstText(long at)
    {
        if (_firstText == 0)
        {
            var from = _sttFinal == 0 ? _endpoint : _sttFinal;
            _firstText = Math.Max(at, from);
            ParleyMetrics.SttFinalToFirstText.Record(Ms(from, _firstText));
        }
    }

    /// <summary>Synthesised audio was ready at <paramref name="at"/>; earlier than the first text's count counts as with it (see <see cref="FirstText(long)"/>).</summary>
    public void FirstAudio(long at)
    {
        if (_firstAudio == 0)
        {
            var from = _firstText == 0 ? _endpoint : _firstText;
            _firstAudio = Math.Max(at, from);
            ParleyMetrics.FirstTextToFirstAudio.Record(Ms(from, _firstAudio));
        }
    }

    /// <summary>An audio frame was posted to the client (only the first call counts).</summary>
    public void FirstFrame()
    {
        if (_firstFrameSent)
        {
            return;
        }

        _firstFrameSent = true;
        var now = _time.GetTimestamp();
        ParleyMetrics.FirstAudioToFirstFrame.Record(Ms(_firstAudio == 0 ? _endpoint : _firstAudio, now));
        ParleyMetrics.EndpointToFirstFrame.Record(Ms(_endpoint, now));
        Reached?.Invoke(new TurnLatency(
            _sttFinal == 0 ? null : Ms(_endpoint, _sttFinal),
            _firstText == 0 ? null : Ms(_sttFinal == 0 ? _endpoint : _sttFinal, _firstText),
            _firstAudio == 0 ? null : Ms(_firstText == 0 ? _endpoint : _firstText, _firstAudio),
            Ms(_firstAudio == 0 ? _endpoint : _firstAudio, now),
            Ms(_endpoint, now)));
    }

    private double Ms(long from, long to) => _time.GetElapsedTime(from, to).TotalMilliseconds;
}
