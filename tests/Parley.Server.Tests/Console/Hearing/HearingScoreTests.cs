namespace Parley.Server.Tests.VoiceConsole.Hearing;

/// <summary>The scorer the hearing comparison stands on, checked on hand-made sessions.</summary>
public sealed class HearingScoreTests
{
    private static readonly HearingQuestion[] Two =
    [
        new("what time is it right now", "^It's .*(morning|afternoon|evening|night)"),
        new("what is twelve times seven", "is eighty-four"),
    ];

    [Fact]
    public void A_session_heard_and_answered_right_scores_nothing_wrong()
    {
        var score = HearingScore.Of(Two, ["what time is it right now", "what is twelve times seven"], ["It's six fifteen in the morning.", "Twelve times seven is eighty-four."]);
        Assert.Equal(new HearingScore(11, 0, 2, 0, 0), score);
    }

    [Fact]
    public void Substituted_missing_and_extra_words_each_count_once()
    {
        // "but china": two substitutions; "please": one insertion; "times seven": two deletions.
        var score = HearingScore.Of(Two, ["but china is it right now please", "what is twelve"], []);
        Assert.Equal(2 + 2 + 1, score.WordErrors);
    }

    [Fact]
    public void A_question_split_in_two_turns_or_two_joined_in_one_costs_no_words()
    {
        Assert.Equal(0, HearingScore.Of(Two, ["what time is it", "right now what is twelve times seven"], []).WordErrors);
    }

    [Fact]
    public void Fallbacks_wrong_answers_and_silence_leave_questions_unanswered()
    {
        Assert.Equal(2, HearingScore.Of(Two, [], []).Unanswered);
        Assert.Equal(2, HearingScore.Of(Two, ["x"], ["Sorry, I didn't catch that.", "Twelve times six is seventy-two."]).Unanswered);
    }

    [Fact]
    public void An_answer_missing_for_a_question_heard_word_for_word_is_lost_to_timing_not_unanswered()
    {
        var score = HearingScore.Of(Two, ["what time is it right now", "what is twelve times seven"], ["Twelve times seven is eighty-four."]);
        Assert.Equal((0, 1), (score.Unanswered, score.LostReplies));
        var misheard = HearingScore.Of(Two, ["but china is it right now", "what is twelve times seven"], ["Twelve times seven is eighty-four."]);
        Assert.Equal((1, 0), (misheard.Unanswered, misheard.LostReplies));
    }

    [Fact]
    public void Answers_count_in_order_so_one_reply_cannot_answer_two_questions()
    {
        var questions = new[] { Two[1], Two[1] };
        Assert.Equal(1, HearingScore.Of(questions, [], ["Twelve times seven is eighty-four."]).Unanswered);
        Assert.Equal(1, HearingScore.Of(Two, [], ["Twelve times seven is eighty-four.", "It's six fifteen in the morning."]).Unanswered);
    }

    [Fact]
    public void Punctuation_and_case_do_not_count_as_errors()
    {
        Assert.Equal(["what's", "the", "time"], HearingScore.WordsOf("What's the TIME?"));
    }
}
