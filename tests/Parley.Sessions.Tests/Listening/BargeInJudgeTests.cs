using Parley.Sessions.Listening;

namespace Parley.Sessions.Tests.Listening;

public sealed class BargeInJudgeTests
{
    private const string Agent = "Twelve times seven is eighty-four. Anything else I can work out for you?";
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);
    private readonly BargeInJudge _judge = new(new VoiceSessionOptions());

    [Theory]
    [InlineData("mm-hmm")]
    [InlineData("okay")]
    [InlineData("yeah yeah")]
    [InlineData("uh huh")]
    [InlineData("right i see")]
    [InlineData("")]
    [InlineData(null)]
    public void Backchannels_and_nothing_do_not_take_the_floor(string? user) => Assert.False(_judge.TakesTheFloor(user, Agent, Long));

    [Theory]
    [InlineData("eighty four")]
    [InlineData("times seven is")]
    [InlineData("anything else i can")]
    [InlineData("anything else i can work out for you but")]
    public void The_agents_own_words_coming_back_are_echo(string user) => Assert.False(_judge.TakesTheFloor(user, Agent, Long));

    [Theory]
    [InlineData("you have")]
    [InlineData("but")]
    [InlineData("what time")]
    public void Short_speech_of_odd_words_is_taken_for_a_misheard_backchannel(string user) => Assert.False(_judge.TakesTheFloor(user, Agent, Short));

    [Theory]
    [InlineData("stop")]
    [InlineData("wait what time is it")]
    [InlineData("no")]
    [InlineData("anything else i can hold on")]
    public void A_stop_word_takes_the_floor_at_once(string user) => Assert.True(_judge.TakesTheFloor(user, Agent, Short));

    [Theory]
    [InlineData("what time is it")]
    [InlineData("okay but what about the date")]
    public void Two_new_words_after_enough_speech_take_the_floor(string user) => Assert.True(_judge.TakesTheFloor(user, Agent, Long));

    [Fact]
    public void One_new_word_is_not_enough_even_when_long() => Assert.False(_judge.TakesTheFloor("date", Agent, Long));

    [Fact]
    public void A_stop_word_the_agent_is_saying_is_echo()
        => Assert.False(_judge.TakesTheFloor("wait for it", "Wait for it, the answer is coming.", Long));
}
