namespace Parley.Engines.SpeechToText;

/// <summary>What a recogniser can do; turn-taking adapts to it (see <c>docs/SPEECH.md</c>).</summary>
/// <param name="InterimResults">It gives words while the user speaks (<see cref="IUtteranceRecognition.GetPartialText"/>); without them, barge-in and endpointing go by sound alone.</param>
/// <param name="EndOfTurnEvents">It says on its own when the speaker has finished (<see cref="IUtteranceRecognition.EndOfTurn"/>), which may end a turn early.</param>
/// <param name="SampleRate">The rate of the PCM16 mono audio it takes; a session resamples when its audio comes at another.</param>
/// <param name="Remote">It is reached over the network, so its final text is a round trip away and may fail.</param>
public sealed record RecognizerCapabilities(bool InterimResults, bool EndOfTurnEvents, int SampleRate, bool Remote);
