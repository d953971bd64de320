namespace Parley.Sessions.Listening;

/// <summary>Turns per-frame speech probabilities into the start and end of the user's turns.</summary>
/// <remarks>
/// Hysteresis: a frame counts as speech at <c>threshold</c> and as silence only below <c>threshold - 0.15</c>,
/// so a probability hovering at the threshold does not flap. Speech must last <see cref="VoiceSessionOptions.MinSpeech"/>
/// to start a turn (a click or a cough does not), and silence must last as long as the endpoint silence asked for
/// during the pause (see <see cref="EndpointPolicy"/>; asked again on each silent frame, the latest answer holding) to end it.
/// The silence is counted from the last frame at the threshold, not from the first frame below the hysteresis band:
/// the VAD's probability decays over a frame or two after the voice stops (its hang-over), and those frames are part
/// of the pause. Counting them only once silence is sure keeps the hysteresis without adding the hang-over to every turn.
/// </remarks>
internal sealed class TurnDetector
{
    private const float Hysteresis = 0.15f;

    private readonly float _threshold;
    private readonly int _minSpeechFrames;
    private readonly TimeSpan _frameDuration;
    private readonly Func<TimeSpan> _endpointSilence;
    private readonly Func<bool> _endOfTurnProposed;
    private readonly int _endOfTurnFrames;
    private readonly int _finishedEndpointFrames;
    private int _endpointFrames;
    private int _speechRun;
    private int _silenceRun;
    private int _sinceSpeech;

    /// <param name="options">Threshold and minimum speech.</param>
    /// <param name="frameDuration">How long each frame lasts.</param>
    /// <param name="endpointSilence">Asked on each silent frame: how much silence ends the turn this time.</param>
    /// <param name="endOfTurnProposed">Asked on each silent frame: whether the recogniser itself says the speaker finished, which ends the turn once <see cref="VoiceSessionOptions.EndOfTurnMinSilence"/> has passed, unless the words so far look unfinished.</param>
    public TurnDetector(VoiceSessionOptions options, TimeSpan frameDuration, Func<TimeSpan>? endpointSilence = null, Func<bool>? endOfTurnProposed = null)
    {
        _endOfTurnProposed = endOfTurnProposed ?? (() => false);
        _endOfTurnFrames = FramesIn(options.EndOfTurnMinSilence, frameDuration);
        _finishedEndpointFrames = FramesIn(options.EndpointSilence, frameDuration);
        _threshold = options.SpeechThreshold;
        _frameDuration = frameDuration;
        _minSpeechFrames = FramesIn(options.MinSpeech, frameDuration);
        _endpointSilence = endpointSilence ?? (() => options.EndpointSilence);
    }

    /// <summary>Whether the user is taking a turn now.</summary>
    public bool InSpeech { get; private set; }

    /// <summary>Whether the user is in a pause of their turn: the last frame counted as silence, the endpoint not yet reached.</summary>
    /// <remarks>True from the first frame below the hysteresis band, after the VAD's hang-over: the moment a reply may be prepared.</remarks>
    public bool Pausing => InSpeech && _silenceRun >= 1;

    /// <summary>Feeds one frame's speech probability.</summary>
    public TurnSignal Push(float probability)
    {
        var speech = probability >= _threshold;
        var silence = probability < _threshold - Hysteresis;
        if (!InSpeech)
        {
            _speechRun = speech ? _speechRun + 1 : silence ? 0 : _speechRun;
            if (_speechRun < _minSpeechFrames)
            {
                return TurnSignal.None;
            }

            InSpeech = true;
            _silenceRun = 0;
            _sinceSpeech = 0;
            return TurnSignal.SpeechStarted;
        }

        _silenceRun = silence ? _silenceRun + 1 : speech ? 0 : _silenceRun;
        _sinceSpeech = speech ? 0 : _sinceSpeech + 1;
        if (_silenceRun >= 1)
        {
            // Asked on every silent frame, the latest answer counting: the recogniser's words lag the audio, so a
            // trailing "and" may show only after the pause began, and a passing "a" may turn out to be "it".
            _endpointFrames = FramesIn(_endpointSilence(), _frameDuration);
        }

        // The recogniser may end a turn sooner only where Parley's own words would too: after "and", "uh" or an open
        // number its policy asks for a longer pause, and the recogniser's endpointing (Deepgram's speech_final) does not know that.
        var proposed = _sinceSpeech >= _endOfTurnFrames && _endpointFrames <= _finishedEndpointFrames && _endOfTurnProposed();
        if (_silenceRun == 0 || (_sinceSpeech < _endpointFrames && !proposed))
        {
            return TurnSignal.None;
        }

        InSpeech = false;
        _speechRun = 0;
        return TurnSignal.SpeechEnded;
    }

    private static int FramesIn(TimeSpan span, TimeSpan frame) => Math.Max(1, (int)Math.Ceiling(span / frame));
}
