using Parley.Engines.TextToSpeech;
using Parley.Sessions.Replies;

namespace Parley.Sessions.Tests.Replies;

public sealed class SpokenTextTests
{
    private static SpokenText TwoPieces()
    {
        var spoken = new SpokenText();
        spoken.Add("One two three four.", TimeSpan.Zero, TimeSpan.FromSeconds(2)); // 19 characters over 2 s
        spoken.Add("Five six.", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        return spoken;
    }

    [Fact]
    public void Nothing_played_means_nothing_heard() => Assert.Equal(string.Empty, TwoPieces().HeardText(TimeSpan.Zero));

    [Fact]
    public void Everything_played_means_everything_heard()
        => Assert.Equal("One two three four. Five six.", TwoPieces().HeardText(TimeSpan.FromSeconds(3)));

    [Theory]
    [InlineData(0.30, "")] // 2.85 characters in: "One" (3) not yet finished
    [InlineData(0.32, "One")]
    [InlineData(1.00, "One two")] // 9.5 characters: "three" ends at 13
    [InlineData(1.40, "One two three")]
    [InlineData(2.50, "One two three four. Five")]
    public void A_cut_keeps_only_words_whose_audio_had_played(double seconds, string expected)
        => Assert.Equal(expected, TwoPieces().HeardText(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void The_full_text_is_every_piece()
        => Assert.Equal("One two three four. Five six.", TwoPieces().FullText);

    [Theory]
    [InlineData(0.0, "One two three four. Five six. Seven eight.")]
    [InlineData(1.0, "One two three four. Five six. Seven eight.")] // cut mid-sentence: the sentence is said again whole
    [InlineData(2.5, "Five six. Seven eight.")]
    [InlineData(3.0, "Seven eight.")] // everything spoken was heard: the rest is what was generated but not yet spoken
    public void The_rest_after_a_cut_starts_with_the_sentence_that_was_cut(double seconds, string expected)
        => Assert.Equal(expected, TwoPieces().RestAfterHeard("One two three four. Five six. Seven eight.", TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(0.50, "Hello")]
    [InlineData(0.90, "Hello")] // "there" is long: its audio ends at 1.2 s, not where its share of the characters would
    [InlineData(1.20, "Hello there.")]
    [InlineData(1.60, "Hello there. How")]
    public void With_word_timings_from_the_synthesiser_the_cut_is_exact_and_streamed_audio_lengthens_the_piece(double seconds, string expected)
    {
        var spoken = new SpokenText();
        spoken.Add("Hello there.", TimeSpan.Zero);
        spoken.Lengthen(TimeSpan.FromSeconds(0.5), [new SpokenWord("Hello", TimeSpan.Zero, TimeSpan.FromSeconds(0.4))]);
        spoken.Lengthen(TimeSpan.FromSeconds(0.8), [new SpokenWord("there.", TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(0.7))]);
        spoken.Add("How are you?", TimeSpan.FromSeconds(1.3));
        spoken.Lengthen(TimeSpan.FromSeconds(1.0), [new SpokenWord("How", TimeSpan.Zero, TimeSpan.FromSeconds(0.2)), new SpokenWord("are", TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(0.2))]);
        Assert.Equal(expected, spoken.HeardText(TimeSpan.FromSeconds(seconds)));
    }
}
