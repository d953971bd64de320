using Parley.Agents.Tools;

namespace Parley.Agents.Tests.Tools;

public sealed class PassageExcerptTests
{
    private const string Passage =
        "Welcome to the office. Please sign in at reception. The office wifi password is blue giraffe. "
        + "Guests use the guest network. Printers are on the second floor.";

    private static readonly IReadOnlyList<string> Wifi = QueryTerms.From("what is the wifi password");

    [Fact]
    public void Splits_lines_and_sentences_but_not_abbreviations()
    {
        Assert.Equal(
            ["# Hours", "We open at nine, e.g. on Monday.", "We close at six!", "Why?", "Staff decide."],
            PassageExcerpt.Sentences("# Hours\n\nWe open at nine, e.g. on Monday. We close at six! Why? Staff decide."));
    }

    [Fact]
    public void Answers_with_the_sentence_holding_the_most_query_words() =>
        Assert.Equal("The office wifi password is blue giraffe.", PassageExcerpt.Answer(Passage, Wifi));

    [Fact]
    public void A_short_best_sentence_takes_the_next_one_along() =>
        Assert.Equal("Wifi password. It is blue giraffe.", PassageExcerpt.Answer("Hello. Wifi password. It is blue giraffe. Bye now.", Wifi));

    [Fact]
    public void Gives_context_around_the_best_sentence_in_reading_order() =>
        Assert.Equal(
            "Please sign in at reception. The office wifi password is blue giraffe. Guests use the guest network.",
            PassageExcerpt.Around(Passage, Wifi, 3));

    [Fact]
    public void Quotes_the_best_sentence_cut_short() =>
        Assert.Equal("The office wifi\u2026", PassageExcerpt.Quote(Passage, Wifi, maxWords: 3));

    [Fact]
    public void Query_terms_drop_question_and_filler_words_and_match_word_forms()
    {
        Assert.Equal(["launch", "code", "project", "falcon"], QueryTerms.From("Hi, what's the launch code for project Falcon, please?"));
        Assert.Empty(QueryTerms.From("what is it"));
        Assert.Equal(2, QueryTerms.Covered("Run the descaling program.", QueryTerms.From("how often do I descale the programs")));
        Assert.Equal(0, QueryTerms.Covered("Coding is fun.", ["code"]));
        Assert.True(QueryTerms.IsRelevant(2, 4));
        Assert.False(QueryTerms.IsRelevant(1, 3));
    }
}
