using System.Text.RegularExpressions;

namespace Parley.Agents.Tools;

/// <summary>
/// The content words of a knowledge question ("what does the handbook say about the wifi password" → handbook, wifi,
/// password) and a rough test of whether a text holds them, shared by <c>knowledge_search</c> and the embedded agent.
/// </summary>
/// <remarks>
/// Question words, small talk and words about the documents themselves are dropped: they match nearly every passage,
/// and the spoken question is full of them. Matching is by a shared stem of sorts, so "descale" finds "descaling".
/// </remarks>
public static partial class QueryTerms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        // Grammar.
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "from", "with", "about", "into",
        "as", "if", "than", "then", "so", "not", "no", "any", "some", "all", "this", "that", "these", "those", "there",
        "here", "it", "its", "is", "am", "are", "was", "were", "be", "been", "being", "do", "does", "did", "done", "has",
        "have", "had", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "i", "me", "my",
        "mine", "we", "us", "our", "you", "your", "yours", "he", "she", "him", "her", "his", "they", "them", "their",
        "im", "ive", "id", "youre", "thats", "theres", "whats", "whos", "wheres", "whens", "hows", "dont",
        "doesnt", "didnt", "isnt", "arent", "cant", "wont", "lets", "one", "much", "many", "also", "just", "really",
        "very", "please", "again", "more", "other", "else",

        // Questions.
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how",

        // Asking rather than content.
        "tell", "say", "says", "said", "know", "knows", "find", "get", "got", "give", "show", "explain", "describe",
        "mention", "mentions", "mentioned", "according", "look", "looking", "need", "want", "like", "ask", "wondering",
        "search", "check", "remind", "let", "go",

        // The documents themselves.
        "document", "documents", "doc", "docs", "knowledge", "information", "info", "anything", "something", "things",
        "thing", "stuff",

        // Small talk a recogniser hears around a question.
        "hi", "hello", "hey", "hiya", "ok", "okay", "yes", "yeah", "yep", "nope", "sure", "right", "well", "oh",
        "um", "uh", "er", "hmm", "thanks", "thank", "cheers", "sorry", "excuse", "now",
    };

    /// <summary>The distinct lower-case content words of <paramref name="text"/>, in order; empty when it has none.</summary>
    public static IReadOnlyList<string> From(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        return Words(text)
            .Where(w => (w.Length > 1 || char.IsDigit(w[0])) && !StopWords.Contains(w))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The words of <paramref name="text"/>, lower case, as <see cref="Covered"/> compares them.</summary>
    /// <remarks>Web addresses are left out: "acme.example/visitors" is where to read more, not what the text says.</remarks>
    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Apostrophes go first, so "what's" is one word, "whats", and not "what" and a stray "s".
        var plain = Url().Replace(text, " ").Replace("'", "", StringComparison.Ordinal).Replace("\u2019", "", StringComparison.Ordinal);
        return Word().Matches(plain).Select(m => m.Value.ToLowerInvariant()).ToList();
    }

    /// <summary>How many of <paramref name="terms"/> occur in <paramref name="text"/>, a form of them counting ("runs" for "run").</summary>
    public static int Covered(string text, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        var words = Words(text);
        return terms.Count(term => words.Any(word => SameStem(word, term)));
    }

    /// <summary>Whether a passage holding <paramref name="covered"/> of <paramref name="termCount"/> query words is about the query: at least half.</summary>
    public static bool IsRelevant(int covered, int termCount) => termCount > 0 && covered * 2 >= termCount;

    // A crude stemmer is enough here: the full-text index already stemmed properly to find the passage; this only
    // checks that the words are there, so "descale" ~ "descaling" and "code" ~ "codes", but not "code" ~ "coding".
    private static bool SameStem(string word, string term)
    {
        if (word == term)
        {
            return true;
        }

        var (shorter, longer) = word.Length <= term.Length ? (word, term) : (term, word);
        if (shorter.Length >= 3 && longer.StartsWith(shorter, StringComparison.Ordinal))
        {
            return true;
        }

        int common = 0;
        while (common < shorter.Length && shorter[common] == longer[common])
        {
            common++;
        }

        return common >= 4 && common >= shorter.Length - 2;
    }

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b(?:https?://|ftp://|www\.)\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}
