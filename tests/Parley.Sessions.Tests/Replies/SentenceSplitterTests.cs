using Parley.Sessions.Replies;

namespace Parley.Sessions.Tests.Replies;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Streamed_words_come_out_as_sentences_as_soon_as_each_is_complete()
    {
        var splitter = new SentenceSplitter();
        var pieces = new List<string>();
        foreach (var chunk in new[] { "Twelve ", "times seven ", "is eighty-four. ", "Anything ", "else?", " Bye" })
        {
            pieces.AddRange(splitter.Append(chunk));
        }

        Assert.Equal(["Twelve times seven is eighty-four.", "Anything else?"], pieces);
        Assert.Equal("Bye", splitter.Flush());
        Assert.Null(splitter.Flush());
    }

    [Fact]
    public void A_decimal_point_does_not_end_a_sentence()
    {
        var splitter = new SentenceSplitter();
        Assert.Empty(splitter.Append("It is 3.5 degrees"));
        Assert.Equal("It is 3.5 degrees", splitter.Flush());
    }

    [Fact]
    public void The_first_piece_may_end_at_a_clause_break_once_long_enough_to_speak_sooner()
    {
        var splitter = new SentenceSplitter();
        Assert.Empty(splitter.Append("Well, "));
        Assert.Equal(["Well, let me think about that one,"], splitter.Append("let me think about that one, and"));
        Assert.Empty(splitter.Append(" then, more, "));
        Assert.Equal("and then, more,", splitter.Flush());
    }

    [Fact]
    public void Text_without_an_ending_comes_out_at_the_end()
    {
        var splitter = new SentenceSplitter();
        Assert.Empty(splitter.Append("Hello there"));
        Assert.Equal("Hello there", splitter.Flush());
    }
}
