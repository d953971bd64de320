using Parley.Sessions.Listening;

namespace Parley.Sessions.Tests.Listening;

public sealed class BargeInJudgeTests
{
    private const string Agent = "Twelve times seven is eighty-four. Anything else I can work out for you?";

    [Theory]
    [InlineData("mm-hmm")]
    [InlineData("okay")]
    [InlineData("yeah yeah")]
    [InlineData("uh huh")]
    [InlineData("right i see")]
    [InlineData("")]
    [InlineData(null)]
    public void Backchannels_and_nothing_do_not_take_the_floor(string? user) => Assert.False(BargeInJudge.TakesTheFloor(user, Agent));

    [Theory]
    [InlineData("eighty four")]
    [InlineData("times seven is")]
    [InlineData("anything else i can")]
    public void The_agents_own_words_coming_back_are_echo(string user) => Assert.False(BargeInJudge.TakesTheFloor(user, Agent));

    [Theory]
    [InlineData("stop")]
    [InlineData("wait what time is it")]
    [InlineData("okay but what about the date")]
    public void Any_other_word_takes_the_floor(string user) => Assert.True(BargeInJudge.TakesTheFloor(user, Agent));
}
