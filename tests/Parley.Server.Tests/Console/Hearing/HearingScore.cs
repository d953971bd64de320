using System.Text.RegularExpressions;

namespace Parley.Server.Tests.VoiceConsole.Hearing;

/// <summary>How well one session was heard: word errors against what was said, and questions left without their answer.</summary>
/// <remarks>
/// Word errors are counted over the whole session (the words said in order against the words heard in order), so a
/// question heard as two turns, or two as one, costs only the words actually wrong. A question is answered when a
/// reply after the previous answer matches its <see cref="HearingQuestion.Answer"/>: a wrong number, "Sorry, I didn't
/// catch that" or silence all leave it unanswered. All but one: a question heard word for word whose answer never
/// came was not misheard; its reply was lost to timing (on a starved machine the next question can cut off an answer
/// before its first word), which is counted apart in <see cref="LostReplies"/>, not as a failure to hear.
/// </remarks>
public sealed record HearingScore(int Words, int WordErrors, int Questions, int Unanswered, int LostReplies = 0)
{
    public static HearingScore Zero { get; } = new(0, 0, 0, 0);

    public static HearingScore operator +(HearingScore a, HearingScore b)
        => new(a.Words + b.Words, a.WordErrors + b.WordErrors, a.Questions + b.Questions, a.Unanswered + b.Unanswered, a.LostReplies + b.LostReplies);

    /// <summary>Scores the user transcripts <paramref name="heard"/> and agent replies <paramref name="replies"/> of a session that asked <paramref name="questions"/>.</summary>
    public static HearingScore Of(IReadOnlyList<HearingQuestion> questions, IReadOnlyList<string> heard, IReadOnlyList<string> replies)
    {
        var said = questions.SelectMany(q => WordsOf(q.Text)).ToArray();
        var got = heard.SelectMany(WordsOf).ToArray();
        var unanswered = 0;
        var lost = 0;
        var next = 0; // replies before this one answered earlier questions
        var nextHeard = 0; // likewise for the turns heard
        foreach (var question in questions)
        {
            var exactly = -1;
            for (var i = nextHeard; i < heard.Count && exactly < 0; i++)
            {
                if (WordsOf(heard[i]).SequenceEqual(WordsOf(question.Text)))
                {
                    exactly = i;
                }
            }

            if (exactly >= 0)
            {
                nextHeard = exactly + 1;
            }

            var at = -1;
            for (var i = next; i < replies.Count && at < 0; i++)
            {
                if (question.IsAnsweredBy(replies[i]))
                {
                    at = i;
                }
            }

            if (at < 0 && exactly >= 0)
            {
                lost++;
            }
            else if (at < 0)
            {
                unanswered++;
            }
            else
            {
                next = at + 1;
            }
        }

        return new HearingScore(said.Length, EditDistance(said, got), questions.Count, unanswered, lost);
    }

    /// <summary>Lower-case words, punctuation dropped (the recogniser writes none; the agent's transcript has some).</summary>
    public static string[] WordsOf(string text)
        => Regex.Split(text.ToLowerInvariant(), "[^a-z']+").Where(w => w.Length > 0).ToArray();

    /// <summary>Substitutions, deletions and insertions that turn <paramref name="said"/> into <paramref name="heard"/>.</summary>
    public static int EditDistance(string[] said, string[] heard)
    {
        var previous = Enumerable.Range(0, heard.Length + 1).ToArray();
        var current = new int[heard.Length + 1];
        for (var i = 1; i <= said.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= heard.Length; j++)
            {
                var substitution = previous[j - 1] + (said[i - 1] == heard[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[heard.Length];
    }

    public override string ToString()
        => $"{WordErrors}/{Words} words wrong ({(Words == 0 ? 0 : 100.0 * WordErrors / Words):F1} %), {Unanswered}/{Questions} unanswered"
            + (LostReplies > 0 ? $", {LostReplies} heard right but the answer lost to timing" : string.Empty);
}
