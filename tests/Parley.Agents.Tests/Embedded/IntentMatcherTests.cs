using Parley.Agents.Embedded;

namespace Parley.Agents.Tests.Embedded;

public sealed class IntentMatcherTests
{
    [Theory]
    [InlineData("hi there", nameof(IntentKind.Greeting))]
    [InlineData("hello", nameof(IntentKind.Greeting))]
    [InlineData("hey how are you", nameof(IntentKind.HowAreYou))]
    [InlineData("hi hows it going", nameof(IntentKind.HowAreYou))]
    [InlineData("good morning", nameof(IntentKind.Greeting))]
    [InlineData("what's the time", nameof(IntentKind.Time))]
    [InlineData("whats the time", nameof(IntentKind.Time))]
    [InlineData("what time is it", nameof(IntentKind.Time))]
    [InlineData("hi what time is it", nameof(IntentKind.Time))]
    [InlineData("what is the date today", nameof(IntentKind.Date))]
    [InlineData("what day is it", nameof(IntentKind.Date))]
    [InlineData("what's today's date", nameof(IntentKind.Date))]
    [InlineData("what is the time and date", nameof(IntentKind.TimeAndDate))]
    [InlineData("what is twelve times seven", nameof(IntentKind.Arithmetic))]
    [InlineData("what can you do", nameof(IntentKind.Help))]
    [InlineData("help", nameof(IntentKind.Help))]
    [InlineData("who are you", nameof(IntentKind.Help))]
    [InlineData("thank you", nameof(IntentKind.Thanks))]
    [InlineData("thanks a lot", nameof(IntentKind.Thanks))]
    [InlineData("goodbye", nameof(IntentKind.Goodbye))]
    [InlineData("thank you bye", nameof(IntentKind.Goodbye))]
    [InlineData("ok see you next time", nameof(IntentKind.Goodbye))]
    [InlineData("bye bye", nameof(IntentKind.Goodbye))]
    [InlineData("my name is alice", nameof(IntentKind.Introduction))]
    [InlineData("hi my name is frank", nameof(IntentKind.Introduction))]
    [InlineData("this is erin speaking", nameof(IntentKind.Introduction))]
    [InlineData("i'm good thanks", nameof(IntentKind.Thanks))]
    [InlineData("i am looking for the time", nameof(IntentKind.Time))]
    [InlineData("i am fine", nameof(IntentKind.Unknown))]
    [InlineData("what's my name", nameof(IntentKind.AskName))]
    [InlineData("what is my name", nameof(IntentKind.AskName))]
    [InlineData("do you remember my name", nameof(IntentKind.AskName))]
    [InlineData("do you know who i am", nameof(IntentKind.AskName))]
    [InlineData("who am i", nameof(IntentKind.AskName))]
    [InlineData("who am i talking to", nameof(IntentKind.Help))]
    [InlineData("what's the weather like", nameof(IntentKind.Unknown))]
    [InlineData("", nameof(IntentKind.Unknown))]
    [InlineData("   ", nameof(IntentKind.Unknown))]
    // The expected kind is a name because xunit theories must be public and IntentKind is internal.
    public void MatchesRecogniserText(string text, string expected) => Assert.Equal(expected, IntentMatcher.Match(text).Kind.ToString());

    [Fact]
    public void FindsThePlaceInATimeQuestion()
    {
        var intent = IntentMatcher.Match("what time is it in new york");

        Assert.Equal(IntentKind.Time, intent.Kind);
        Assert.Equal(new KnownPlace("New York", "America/New_York"), intent.Place);
    }

    [Fact]
    public void CarriesTheNameOfAnIntroduction() => Assert.Equal("Carol Smith", IntentMatcher.Match("i am carol smith").Name);

    [Fact]
    public void LocalTimeQuestionsHaveNoPlace() => Assert.Null(IntentMatcher.Match("what time is it").Place);
}
