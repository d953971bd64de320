using System.Text.RegularExpressions;

namespace Parley.Agents.Tools;

/// <summary>The sentences of a retrieved passage that answer a query: to return, to cite, to quote and to say.</summary>
/// <remarks>
/// Passages are about a thousand characters, far more than a spoken answer or a citation wants; the sentence holding
/// the most query words is the one that answers, and its neighbours give a model the context around it.
/// </remarks>
public static partial class PassageExcerpt
{
    /// <summary>The most characters <see cref="Around"/> returns, so four passages stay a compact tool result.</summary>
    public const int MaxContextChars = 600;

    /// <summary>The sentences of <paramref name="text"/>: lines, cut after a full stop, question or exclamation mark.</summary>
    public static IReadOnlyList<string> Sentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split('\n')
            .SelectMany(line => SentenceBreak().Split(line))
            .Select(s => s.Trim())
            .Where(s => s.Any(char.IsLetterOrDigit))
            .ToList();
    }

    /// <summary>The best sentence for <paramref name="terms"/> with its neighbours, up to <paramref name="maxSentences"/>, in reading order.</summary>
    public static string Around(string text, IReadOnlyList<string> terms, int maxSentences = 3)
    {
        var sentences = Sentences(text);
        if (sentences.Count == 0)
        {
            return text.Trim();
        }

        int best = BestIndex(sentences, terms), first = best, last = best;
        int chars = sentences[best].Length;
        // Neighbours in turn, the next one first: it usually completes the answer ("The code is below. It is 774.").
        bool next = true;
        while (last - first + 1 < maxSentences)
        {
            bool canNext = last + 1 < sentences.Count && chars + sentences[last + 1].Length <= MaxContextChars;
            bool canPrevious = first > 0 && chars + sentences[first - 1].Length <= MaxContextChars;
            if (canNext && (next || !canPrevious))
            {
                chars += sentences[++last].Length;
            }
            else if (canPrevious)
            {
                chars += sentences[--first].Length;
            }
            else
            {
                break;
            }

            next = !next;
        }

        return Join(sentences.Skip(first).Take(last - first + 1));
    }

    /// <summary>
    /// What answers <paramref name="terms"/> in a sentence or two: the best sentence, and the next one when it holds
    /// query words too or the best alone is too short to stand.
    /// </summary>
    public static string Answer(string text, IReadOnlyList<string> terms)
    {
        var sentences = Sentences(text);
        if (sentences.Count == 0)
        {
            return text.Trim();
        }

        int best = BestIndex(sentences, terms);
        bool takeNext = best + 1 < sentences.Count
            && (QueryTerms.Covered(sentences[best + 1], terms) > 0 || QueryTerms.Words(sentences[best]).Count < 6);
        return takeNext ? Join([sentences[best], sentences[best + 1]]) : sentences[best];
    }

    /// <summary>A short quote: the best sentence, cut to <paramref name="maxWords"/> words with an ellipsis.</summary>
    public static string Quote(string text, IReadOnlyList<string> terms, int maxWords = 25)
    {
        var sentences = Sentences(text);
        var sentence = sentences.Count == 0 ? text.Trim() : sentences[BestIndex(sentences, terms)];
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= maxWords ? sentence : string.Join(' ', words.Take(maxWords)) + "\u2026";
    }

    // A heading or list item has no full stop; it gets one when joined, so it stays a sentence of its own.
    private static string Join(IEnumerable<string> sentences)
    {
        var list = sentences.ToList();
        return string.Join(" ", list.Select((s, i) => i == list.Count - 1 ? s : Stopped(s)));
    }

    private static string Stopped(string sentence) =>
        sentence.TrimEnd('"', '\'', '\u201D', ')', ']') is [.., '.' or '!' or '?'] ? sentence
        : sentence is [.. var start, ':' or ';'] ? start + "."
        : sentence + ".";

    // The first of the sentences holding the most query words; the first sentence when none holds any.
    private static int BestIndex(IReadOnlyList<string> sentences, IReadOnlyList<string> terms)
    {
        int best = 0, bestCount = 0;
        for (int i = 0; i < sentences.Count; i++)
        {
            int count = QueryTerms.Covered(sentences[i], terms);
            if (count > bestCount)
            {
                (best, bestCount) = (i, count);
            }
        }

        return best;
    }

    // After . ! or ? (and any closing quote or bracket), before what starts a sentence: "e.g. the" stays whole.
    [GeneratedRegex("""(?<=[.!?]["'\u201D)\]]*)\s+(?=["'\u201C(\[]?[\p{Lu}\p{N}])""")]
    private static partial Regex SentenceBreak();
}
