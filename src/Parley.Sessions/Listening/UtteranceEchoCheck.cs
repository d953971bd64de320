namespace Parley.Sessions.Listening;

/// <summary>Whether one utterance is the agent's echo: judged on its latest stretch at each speech frame, so a person who starts talking over the echo is noticed within a fraction of a second.</summary>
/// <remarks>
/// An utterance is echo when its speech was, whenever it could be judged, explained by the agent's audio; once a
/// stretch of speech is clearly not, someone is talking and the utterance is theirs (its words may still hold echo; the
/// words are judged by <see cref="BargeInJudge"/>). Too short to judge is not echo.
/// </remarks>
internal sealed class UtteranceEchoCheck(EchoDetector? detector, double threshold, TimeSpan window)
{
    // Below this a stretch is someone else for sure; between it and the threshold it proves nothing either way
    // (even pure echo dips there over steady stretches, where a loudness contour has little to correlate).
    private const double VoiceBelow = 0.6;

    // Louder than the loudest the microphone heard while the agent talked, by this much: no echo of it.
    private const double VoiceAboveEchoDb = 15;

    private readonly long _windowTicks = detector?.Ticks(window) ?? 0;
    private long _start;
    private long _onset;
    private bool _echoHeard;
    private bool _voiceHeard;
    private int _judged;
    private int _unjudged;

    /// <summary>A stretch of the utterance has been judged someone's own voice, not the agent's (always, without an echo detector).</summary>
    public bool VoiceHeard => detector is null || _voiceHeard;

    /// <summary>Echo heard, no voice of the user's own, and most of the speech could be judged (see <see cref="OnUnjudgedSpeech"/>).</summary>
    public bool IsEcho => _echoHeard && !_voiceHeard && _judged >= _unjudged;

    /// <summary>The latest stretch judged is explained by the agent's audio: words heard now are its echo.</summary>
    public bool EchoNow { get; private set; }

    /// <summary>
    /// The utterance is far louder than anything the microphone heard while the agent talked just before it began: no
    /// echo path carries the agent that loud, so this is someone's own voice, known from its first frames.
    /// </summary>
    /// <remarks>
    /// The utterance's own stretch is too short to correlate for its first half second; what the microphone heard while
    /// the agent talked before it (silence, room noise, or the agent's echo) shows how loud an echo can be. Not known
    /// (false) when the agent was not audible then, or that stretch was not heard; the correlation judges later.
    /// </remarks>
    public bool VoiceAround { get; private set; }

    /// <summary>A new utterance, including audio recorded from <paramref name="start"/> (a timestamp), whose speech began about <paramref name="onset"/>.</summary>
    public void Begin(long start, long? onset = null)
    {
        _start = start;
        _onset = onset ?? start;
        _echoHeard = false;
        _voiceHeard = false;
        _judged = 0;
        _unjudged = 0;
        EchoNow = false;
        VoiceAround = detector is null;
    }

    /// <summary>A speech frame whose recording time is unknown (it came faster than real time): it cannot be laid against the agent's audio, so it is not taken for echo.</summary>
    public void OnUnjudgedSpeech()
    {
        _unjudged++;
        EchoNow = false;
        VoiceAround = detector is null;
    }

    /// <summary>A speech frame recorded at <paramref name="recordedAt"/>: judges the stretch ending there.</summary>
    public void OnSpeech(long recordedAt)
    {
        VoiceAround = detector is null || detector.LoudnessAboveEcho(_onset) >= VoiceAboveEchoDb;
        if (detector?.EchoLikeness(Math.Max(_start, recordedAt - _windowTicks)) is not { } likeness)
        {
            return;
        }

        _judged++;
        EchoNow = likeness >= threshold;
        _echoHeard |= EchoNow;
        _voiceHeard |= likeness < VoiceBelow;
    }
}
