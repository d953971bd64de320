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
/// Time and memory are linear in the text, however it is shaped (one endless sentence, no spaces, only punctuation):
/// cutting a long sentence once copied the rest of it at every cut, and 4 MB without a full stop took half a minute.
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
    public IReadOnlyList<KnowledgeChunk> Chunk(IReadOnlyList<ExtractedPage> pages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var chunks = new List<KnowledgeChunk>();
        foreach (var page in pages)
        {
            foreach (var text in ChunkPage(page.Text, cancellationToken))
            {
                chunks.Add(new KnowledgeChunk(chunks.Count, text, page.PageNumber));
            }
        }

        return chunks;
    }

    private List<string> ChunkPage(string text, CancellationToken cancellationToken)
    {
        var passages = new List<string>();
        var current = new StringBuilder();
        string? lastSentence = null;
        foreach (var (sentence, startsParagraph) in Units(text))
        {
            cancellationToken.ThrowIfCancellationRequested();
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
    /// <remarks>The sentence is walked by index: each piece is copied once, the rest never.</remarks>
    private IEnumerable<string> Fit(string sentence)
    {
        var start = 0;
        while (sentence.Length - start > MaxChars)
        {
            // The last space among the next MaxChars + 1 characters: the piece before it holds at most MaxChars.
            var cut = sentence.LastIndexOf(' ', start + MaxChars, MaxChars + 1);
            if (cut <= start)
            {
                cut = start + MaxChars;
            }

            yield return sentence[start..cut].TrimEnd();
            start = cut;
            while (start < sentence.Length && char.IsWhiteSpace(sentence[start]))
            {
                start++;
            }
        }

        if (start < sentence.Length)
        {
            yield return sentence[start..];
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
