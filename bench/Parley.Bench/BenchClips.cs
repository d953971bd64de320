namespace Parley.Bench;

/// <summary>The speech the callers say: questions for ordinary turns, and the pair used for barge-in turns.</summary>
/// <param name="Questions">Asked in turn, each answered with a short sentence.</param>
/// <param name="LongQuestion">Asked in a barge-in turn: its answer is long enough to be talked over.</param>
/// <param name="Interruption">Said over that answer: not a backchannel, so it takes the floor.</param>
internal sealed record BenchClips(IReadOnlyList<SpeechClip> Questions, SpeechClip LongQuestion, SpeechClip Interruption)
{
    public static readonly string[] QuestionTexts = ["what is twelve times seven", "what time is it", "what is two plus two"];
    public const string LongQuestionText = "what can you do";
    public const string InterruptionText = "wait, what is nine plus four";

    /// <summary>Every clip, for the report.</summary>
    public IEnumerable<SpeechClip> All => [.. Questions, LongQuestion, Interruption];

    /// <summary>Synthesises every clip with flite.</summary>
    public static async Task<BenchClips> SynthesiseAsync(string voice, CancellationToken cancellationToken = default)
    {
        var questions = new List<SpeechClip>();
        foreach (var text in QuestionTexts)
        {
            questions.Add(await SpeechClip.SynthesiseAsync(text, voice, cancellationToken));
        }

        return new BenchClips(
            questions,
            await SpeechClip.SynthesiseAsync(LongQuestionText, voice, cancellationToken),
            await SpeechClip.SynthesiseAsync(InterruptionText, voice, cancellationToken));
    }
}
