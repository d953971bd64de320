namespace Parley.Sessions.Listening;

/// <summary>Decides, frame by frame, whether speech over the agent takes the floor: by its words when the recogniser gives them as the user speaks, by its sound when it does not.</summary>
/// <remarks>
/// <para>
/// By words (PocketSphinx, Deepgram, or the hybrid mode's local words): a partial hypothesis that has held for
/// <see cref="VoiceSessionOptions.StablePartial"/> of audio — early ones flicker ("poke" before "okay"), and a remote
/// engine's arrive at uneven times, so stability is judged by the audio heard, not by how often it was asked — and
/// that <see cref="BargeInJudge"/> finds taking the floor.
/// </para>
/// <para>
/// By sound (a batch recogniser alone): <see cref="VoiceSessionOptions.BargeInMinSpeechWithoutWords"/> of speech that
/// the echo check has heard to be someone's own voice. The words come only at the utterance's end; if they turn out to
/// be a backchannel or nothing, the agent resumes (a false interruption).
/// </para>
/// <para>
/// And, with <see cref="VoiceSessionOptions.BargeInOnSound"/>, whatever the recogniser: speech whose sound the echo
/// check does not explain (<see cref="UtteranceEchoCheck.VoiceAround"/>) stops the agent as soon as the VAD has heard
/// it, ~100 ms after its onset, where the first stable word comes 300-400 ms after it. The words still decide, at the
/// utterance's end, whether the user took the floor or the agent resumes.
/// </para>
/// </remarks>
internal sealed class OverlapJudge(VoiceSessionOptions options, bool byWords, TimeSpan frameDuration)
{
    private readonly BargeInJudge _words = new(options);
    private string? _lastPartial;
    private TimeSpan _partialHeldFor;

    /// <summary>Whether words (rather than sound) decide.</summary>
    public bool ByWords => byWords;

    /// <summary>A new utterance over the agent.</summary>
    public void Begin()
    {
        _lastPartial = null;
        _partialHeldFor = TimeSpan.Zero;
    }

    /// <summary>Whether the speech over the agent stops it by its sound alone (see <see cref="VoiceSessionOptions.BargeInOnSound"/>).</summary>
    public bool VoiceOverAgent(UtteranceEchoCheck echo) => options.BargeInOnSound && !echo.EchoNow && echo.VoiceAround;

    /// <summary>Whether the speech so far takes the floor now.</summary>
    /// <param name="partial">The recogniser's words so far (null when it has none, or gives none while the user speaks).</param>
    /// <param name="agentSpeech">What the agent is saying.</param>
    /// <param name="speech">How long the user has spoken.</param>
    /// <param name="echo">The utterance's echo check.</param>
    public bool TakesTheFloorNow(string? partial, string agentSpeech, TimeSpan speech, UtteranceEchoCheck echo)
    {
        if (echo.EchoNow)
        {
            _partialHeldFor = TimeSpan.Zero;
            return false; // What the microphone hears now is the agent itself: no one's turn.
        }


        if (!byWords)
        {
            return speech >= options.BargeInMinSpeechWithoutWords && echo.VoiceHeard;
        }

        if (partial is null)
        {
            return false;
        }

        _partialHeldFor = partial == _lastPartial ? _partialHeldFor + frameDuration : frameDuration;
        _lastPartial = partial;
        return _partialHeldFor >= options.StablePartial && _words.TakesTheFloor(partial, agentSpeech, speech);
    }

    /// <summary>Whether a finished utterance over the agent takes the floor, by its final words (whatever decided on the way).</summary>
    public bool FinalTakesTheFloor(string text, string agentSpeech, TimeSpan speech) => _words.TakesTheFloor(text, agentSpeech, speech);
}
