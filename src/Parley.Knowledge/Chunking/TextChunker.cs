using System.Text;
using System.Text.RegularExpressions;
using Parley.Knowledge.Extraction;
using Parley.Storage.Knowledge;

namespace Parley.Knowledge.Chunking;

/// <summary>Cuts extracted text into passages of about a thousand characters, on paragraph and sentence boundaries.</summary>
/// <remarks>
/// A passage is the unit retrieval returns and an agent reads aloud or cites, so it should hold a whole thought:
/// paragraphs are packed together until <see cref="MinChars"/> is reached, then a new paragraph starts a new passage;
/// a paragraph that does not fit is cut between sentences (and a sentence longer than a passage between words), and
/// the passage after such a cut repeats the last short sentence before it, so neither half loses its context.
/// Passages never span pages, so each keeps the PDF page it comes from.
/// </remarks>
public sealed partial class TextChunker
{
    /// <summary>Creates a chunker; the defaults suit spoken answers and full-text ranking.</summary>
    public TextChunker(int minChars = 800, int maxChars = 1200, int overlapChars = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 20);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minChars, maxChars);
        ArgumentOutOfRangeException.ThrowIfNegative(overlapChars);
        MinChars = minChars;
        MaxChars = maxChars;
        OverlapChars = Math.Min(overlapChars, maxChars / 2);
    }

    /// <summary>A passage this long ends at the next paragraph.</summary>
    public int MinChars { get; }

    /// <summary>No passage is longer.</summary>
    public int MaxChars { get; }

    /// <summary>The longest sentence repeated at the start of the next passage after a cut inside a paragraph.</summary>
    public int OverlapChars { get; }

    /// <summary>The passages of a file's pages, numbered from 0 in reading order.</summary>
    public IReadOnlyList<KnowledgeChunk> Chunk(IReadOnlyList<ExtractedPage> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var chunks = new List<KnowledgeChunk>();
        foreach (var page in pages)
        {
            foreach (var text in ChunkPage(page.Text))
            {
                chunks.Add(new KnowledgeChunk(chunks.Count, text, page.PageNumber));
            }
        }

        return chunks;
    }

    private List<string> ChunkPage(string text)
    {
        var passages = new List<string>();
        var current = new StringBuilder();
        string? lastSentence = null;
        foreach (var (sentence, startsParagraph) in Units(text))
        {
            if (current.Length > 0)
            {
                var separator = startsParagraph ? 2 : 1;
                var full = current.Length + separator + sentence.Length > MaxChars;
                if (full || (startsParagraph && current.Length >= MinChars))
                {
                    passages.Add(current.ToString());
                    current.Clear();
                    // A cut inside a paragraph carries the sentence before it over; a paragraph break needs no bridge.
                    if (!startsParagraph && lastSentence is not null && lastSentence.Length <= OverlapChars
                        && lastSentence.Length + 1 + sentence.Length <= MaxChars)
                    {
                        current.Append(lastSentence);
                    }
                }
            }

            if (current.Length > 0)
            {
                current.Append(startsParagraph ? "\n\n" : " ");
            }

            current.Append(sentence);
            lastSentence = sentence;
        }

        if (current.Length > 0)
        {
            passages.Add(current.ToString());
        }

        return passages;
    }

    /// <summary>The sentences of the text, none longer than a passage, each marked when it begins a paragraph.</summary>
    private IEnumerable<(string Sentence, bool StartsParagraph)> Units(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        foreach (var block in ParagraphBreak().Split(normalized))
        {
            var paragraph = Whitespace().Replace(block, " ").Trim();
            if (paragraph.Length == 0)
            {
                continue;
            }

            var first = true;
            foreach (var sentence in SentenceEnd().Split(paragraph))
            {
                foreach (var piece in Fit(sentence.Trim()))
                {
                    yield return (piece, first);
                    first = false;
                }
            }
        }
    }

    /// <summary>A sentence cut between words (or, without spaces, anywhere) into pieces that each fit a passage.</summary>
    private IEnumerable<string> Fit(string sentence)
    {
        var rest = sentence;
        while (rest.Length > MaxChars)
        {
            var cut = rest.LastIndexOf(' ', MaxChars);
            if (cut <= 0)
            {
                cut = MaxChars;
            }

            yield return rest[..cut].TrimEnd();
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    [GeneratedRegex(@"\n[ \t\f\v]*\n\s*")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // After terminal punctuation (and any closing quote or bracket), before the space that ends the sentence.
    [GeneratedRegex(@"(?<=[.!?…][""'”’)\]]*)\s+")]
    private static partial Regex SentenceEnd();
}
