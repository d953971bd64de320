using Parley.Agents.Embedded;

namespace Parley.Agents.Tests.Embedded;

public sealed class KnowledgeQuestionTests
{
    [Theory]
    [InlineData("what is the launch code for project falcon", "launch code project falcon")]
    [InlineData("What's the Wi-Fi password?", "wi fi password")]
    [InlineData("what does the document say about holidays", "holidays")]
    [InlineData("tell me about the refund policy", "refund policy")]
    [InlineData("how many days of leave do i get per year", "days leave per year")]
    [InlineData("what day is the holiday party", "day holiday party")]
    [InlineData("hi who is the fire warden", "fire warden")]
    [InlineData("what can you do about refunds", "refunds")]
    [InlineData("parking", "parking")]
    public void Reads_the_content_words_of_a_knowledge_question(string heard, string query)
    {
        Assert.True(KnowledgeQuestion.TryRead(IntentMatcher.Match(heard), heard, out var read));
        Assert.Equal(query, read);
    }

    [Theory]
    [InlineData("what time is it")]
    [InlineData("what time is it now")]
    [InlineData("what is the date today")]
    [InlineData("what day is it")]
    [InlineData("what time is it in new york")]
    [InlineData("what is twelve times seven")]
    [InlineData("my name is alice")]
    [InlineData("what's my name")]
    [InlineData("goodbye")]
    [InlineData("hang up")]
    [InlineData("what can you do")]
    [InlineData("hello")]
    [InlineData("good afternoon")]
    [InlineData("hey how are you")]
    [InlineData("thanks a lot")]
    [InlineData("i am fine")]
    [InlineData("um")]
    [InlineData("")]
    public void Leaves_other_intents_and_small_talk_alone(string heard) =>
        Assert.False(KnowledgeQuestion.TryRead(IntentMatcher.Match(heard), heard, out _));

    [Theory]
    [InlineData("that's all thanks bye")]
    [InlineData("please end the call")]
    [InlineData("i'm done")]
    [InlineData("that will be all")]
    public void More_ways_to_say_goodbye(string heard) => Assert.Equal(IntentKind.Goodbye, IntentMatcher.Match(heard).Kind);
}
