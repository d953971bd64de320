using System.Text.RegularExpressions;

namespace Parley.Storage.Knowledge;

/// <summary>The words of a user's query, made safe for the full-text query languages of both engines.</summary>
/// <remarks>
/// User text never reaches FTS5's or <c>to_tsquery</c>'s syntax: only runs of letters and digits are kept, so quotes,
/// operators and punctuation cannot cause a syntax error. Words are OR-ed: a spoken question rarely shares every word
/// with the passage that answers it, and ranking puts passages matching more (and rarer) words first.
/// </remarks>
internal static partial class SearchTerms
{
    private const int MaxTerms = 32;

    // Words that match nearly every passage; dropped unless the query is nothing else.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "an", "and", "are", "as", "at", "be", "by", "can", "could", "did", "do", "does", "for", "from",
        "had", "has", "have", "how", "i", "if", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "please",
        "should", "so", "tell", "that", "the", "their", "there", "these", "they", "this", "to", "was", "we", "were",
        "what", "when", "where", "which", "who", "whom", "why", "will", "with", "would", "you", "your",
    };

    /// <summary>The distinct lower-case words of <paramref name="query"/>, stop words dropped unless nothing else is left.</summary>
    public static IReadOnlyList<string> From(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var words = Word().Matches(query).Select(m => m.Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var meaningful = words.Where(w => !StopWords.Contains(w)).ToList();
        return (meaningful.Count > 0 ? meaningful : words).Take(MaxTerms).ToList();
    }

    /// <summary>An FTS5 MATCH expression: each word as a quoted string, OR-ed.</summary>
    public static string ToFts5(IReadOnlyList<string> terms) => string.Join(" OR ", terms.Select(t => $"\"{t}\""));

    /// <summary>A <c>to_tsquery</c> expression: the words OR-ed.</summary>
    public static string ToTsQuery(IReadOnlyList<string> terms) => string.Join(" | ", terms);

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial Regex Word();
}
