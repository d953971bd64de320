using System.Text.RegularExpressions;
using Parley.Knowledge.Chunking;
using Parley.Knowledge.Extraction;

namespace Parley.Knowledge.Tests.Chunking;

public sealed partial class TextChunkerTests
{
    private static readonly TextChunker Chunker = new();

    [Fact]
    public void Short_text_is_one_passage_with_its_whitespace_tidied()
    {
        var chunk = Assert.Single(Chunker.Chunk([new ExtractedPage(null, "  The first line\nwraps here.\r\n\r\n\r\nA second   paragraph.  ")]));
        Assert.Equal("The first line wraps here.\n\nA second paragraph.", chunk.Text);
        Assert.Equal(0, chunk.Ordinal);
        Assert.Null(chunk.PageNumber);
    }

    [Fact]
    public void Long_text_becomes_passages_of_800_to_1200_characters_that_lose_no_sentence()
    {
        var sentences = Enumerable.Range(1, 120).Select(i => $"Sentence number {i} tells a little more about the topic at hand.").ToList();
        var paragraphs = sentences.Chunk(7).Select(s => string.Join(" ", s));
        var chunks = Chunker.Chunk([new ExtractedPage(null, string.Join("\n\n", paragraphs))]);

        Assert.True(chunks.Count > 5);
        Assert.All(chunks, c => Assert.InRange(c.Text.Length, 1, 1200));
        Assert.All(chunks.SkipLast(1), c => Assert.True(c.Text.Length >= 800 - 70, $"short passage ({c.Text.Length}): {c.Text}"));
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Ordinal));
        var all = string.Join(" ", chunks.Select(c => c.Text));
        Assert.All(sentences, s => Assert.Contains(s, all, StringComparison.Ordinal));
        // Every sentence starts its own unit: none is cut in two.
        Assert.All(chunks, c => Assert.Matches(@"(?s)^Sentence number \d+ .*\.$", c.Text));
    }

    [Fact]
    public void A_passage_ends_at_a_paragraph_once_it_is_long_enough()
    {
        var paragraph = string.Join(" ", Enumerable.Repeat("This paragraph is about ninety characters long, give or take a few words.", 11));
        var chunks = Chunker.Chunk([new ExtractedPage(null, $"{paragraph}\n\nShort closing paragraph.")]);

        Assert.Equal(2, chunks.Count);
        Assert.Equal(paragraph, chunks[0].Text);
        Assert.Equal("Short closing paragraph.", chunks[1].Text);
    }

    [Fact]
    public void A_cut_inside_a_paragraph_repeats_the_short_sentence_before_it()
    {
        var sentences = Enumerable.Range(1, 80).Select(i => $"Fact {i} is stated here.").ToList();
        var chunks = Chunker.Chunk([new ExtractedPage(null, string.Join(" ", sentences))]);

        Assert.True(chunks.Count >= 2);
        for (var i = 1; i < chunks.Count; i++)
        {
            var lastOfPrevious = LastSentence().Match(chunks[i - 1].Text).Value.Trim();
            Assert.StartsWith(lastOfPrevious, chunks[i].Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_paragraph_break_is_not_bridged()
    {
        var first = string.Join(" ", Enumerable.Repeat("Alpha sentence of the first paragraph goes here.", 18));
        var chunks = Chunker.Chunk([new ExtractedPage(null, $"{first}\n\nBeta starts the second paragraph.")]);
        Assert.Equal("Beta starts the second paragraph.", chunks[^1].Text);
    }

    [Fact]
    public void A_sentence_longer_than_a_passage_is_cut_between_words_and_a_word_longer_still_anywhere()
    {
        var words = string.Join(" ", Enumerable.Range(1, 400).Select(i => $"w{i}"));
        var blob = new string('x', 3000);
        var chunks = Chunker.Chunk([new ExtractedPage(null, words + "\n\n" + blob)]);

        Assert.All(chunks, c => Assert.InRange(c.Text.Length, 1, 1200));
        Assert.All(chunks.Where(c => c.Text.StartsWith('w')), c => Assert.Matches(@"^(w\d+ )*w\d+$", c.Text));
        Assert.Equal(3000, chunks.Where(c => c.Text.StartsWith('x')).Sum(c => c.Text.Length));
    }

    [Fact]
    public void Passages_keep_their_page_and_never_span_two()
    {
        var chunks = Chunker.Chunk(
        [
            new ExtractedPage(1, "Page one talks about apples."),
            new ExtractedPage(2, "Page two talks about pears."),
            new ExtractedPage(5, "   "),
        ]);

        Assert.Equal([(0, 1, "Page one talks about apples."), (1, 2, "Page two talks about pears.")], chunks.Select(c => (c.Ordinal, c.PageNumber!.Value, c.Text)));
    }

    [Fact]
    public void Smaller_sizes_can_be_chosen()
    {
        var chunker = new TextChunker(minChars: 40, maxChars: 60, overlapChars: 0);
        var chunks = chunker.Chunk([new ExtractedPage(null, "One two three four. Five six seven eight. Nine ten eleven twelve. Thirteen fourteen.")]);
        Assert.All(chunks, c => Assert.InRange(c.Text.Length, 1, 60));
        Assert.Equal(2, chunks.Count);
    }

    [GeneratedRegex(@"[^.]+\.$")]
    private static partial Regex LastSentence();
}
