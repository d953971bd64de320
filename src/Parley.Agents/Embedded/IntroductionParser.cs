using System.Diagnostics.CodeAnalysis;

namespace Parley.Agents.Embedded;

/// <summary>
/// Finds the user saying their name in recogniser tokens: "my name is alice", "i'm bob", "i am carol smith",
/// "call me dave", "this is erin speaking". The name is one to <see cref="NameWords.MaxWords"/> words, at the end
/// of the utterance or followed by a word that can end it ("and", "please", "how"…).
/// </summary>
internal static class IntroductionParser
{
    // Longer openings first, so "i am called bob" names Bob rather than failing on "called".
    private static readonly Opening[] Openings =
    [
        new(["my", "first", "name", "is"]),
        new(["my", "name", "is"]),
        new(["my", "names"]), // "my name's"
        new(["i", "am", "called"]),
        new(["im", "called"]),
        new(["call", "me"]),
        new(["i", "am"], Loose: true),
        new(["im"], Loose: true), // "i'm"
        // "this is great" is no introduction; "this is erin speaking" is, so the sign-off is required.
        new(["this", "is"], Loose: true, SignOffs: ["speaking", "here", "calling"]),
    ];

    // A bare answer is as ambiguous as "i am …": "going" or "wondering" is no name.
    private static readonly Opening BareName = new([], Loose: true);

    /// <summary>Finds the last introduction in <paramref name="tokens"/>, so "i'm bob actually call me rob" gives Rob.</summary>
    public static bool TryParse(IReadOnlyList<string> tokens, [NotNullWhen(true)] out string? name)
    {
        for (int i = tokens.Count - 1; i >= 0; i--)
        {
            foreach (var opening in Openings)
            {
                if (opening.MatchesAt(tokens, i) && TryReadName(tokens, i + opening.Words.Length, opening, out name))
                {
                    return true;
                }
            }
        }

        name = null;
        return false;
    }

    /// <summary>Reads a bare name ("alice", "carol smith please"), as said in answer to "What should I call you?".</summary>
    public static bool TryParseBareName(IReadOnlyList<string> tokens, [NotNullWhen(true)] out string? name) =>
        TryReadName(tokens, 0, BareName, out name);

    private static bool TryReadName(IReadOnlyList<string> tokens, int start, Opening opening, [NotNullWhen(true)] out string? name)
    {
        name = null;
        int end = start;
        while (end < tokens.Count && end - start <= NameWords.MaxWords && NameWords.CanBePartOfName(tokens, end))
        {
            end++;
        }

        int count = end - start;
        if (count == 0 || count > NameWords.MaxWords)
        {
            return false;
        }

        bool endsWell = opening.SignOffs is { } signOffs
            ? end < tokens.Count && signOffs.Contains(tokens[end])
            : end == tokens.Count || NameWords.CanFollowName(tokens[end]);
        if (!endsWell)
        {
            return false; // the sentence goes on: "i am hoping you can help"
        }

        var words = tokens.Skip(start).Take(count).ToList();
        if (opening.Loose && words.Any(NameWords.LooksLikeVerb))
        {
            return false;
        }

        name = NameWords.ToSpoken(words);
        return true;
    }

    /// <param name="Words">The words before the name.</param>
    /// <param name="Loose">Whether the opening also starts ordinary sentences ("i am"), so verb-like names are refused.</param>
    /// <param name="SignOffs">Words of which one must follow the name; null when the name may end the utterance.</param>
    private sealed record Opening(string[] Words, bool Loose = false, string[]? SignOffs = null)
    {
        public bool MatchesAt(IReadOnlyList<string> tokens, int index)
        {
            if (index + Words.Length > tokens.Count)
            {
                return false;
            }

            for (int j = 0; j < Words.Length; j++)
            {
                if (tokens[index + j] != Words[j])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
