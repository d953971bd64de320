namespace Parley.Server.Tests.Speech;

/// <summary>Word error rate: (substitutions + deletions + insertions) / reference words, on lower-case words without punctuation.</summary>
internal static class WordErrorRate
{
    /// <summary>The word-level edit distance between a reference and what was heard, and the reference's word count.</summary>
    public static (int Errors, int Words) Of(string reference, string heard)
    {
        var expected = Words(reference);
        var actual = Words(heard);
        var previous = Enumerable.Range(0, actual.Length + 1).ToArray();
        for (var i = 1; i <= expected.Length; i++)
        {
            var current = new int[actual.Length + 1];
            current[0] = i;
            for (var j = 1; j <= actual.Length; j++)
            {
                var substitution = previous[j - 1] + (expected[i - 1] == actual[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            previous = current;
        }

        return (previous[actual.Length], expected.Length);
    }

    private static string[] Words(string text)
        => new string([.. text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c == '\'' ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
