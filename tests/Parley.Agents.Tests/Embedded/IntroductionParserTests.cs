using Parley.Agents.Embedded;

namespace Parley.Agents.Tests.Embedded;

public sealed class IntroductionParserTests
{
    [Theory]
    [InlineData("my name is alice", "Alice")]
    [InlineData("i'm bob", "Bob")]
    [InlineData("I'm Bob.", "Bob")]
    [InlineData("im bob", "Bob")]
    [InlineData("i am carol smith", "Carol Smith")]
    [InlineData("call me dave", "Dave")]
    [InlineData("you can call me dave please", "Dave")]
    [InlineData("this is erin speaking", "Erin")]
    [InlineData("this is erin here", "Erin")]
    [InlineData("hi my name is frank", "Frank")]
    [InlineData("hello my name is alice", "Alice")]
    [InlineData("my name's grace", "Grace")]
    [InlineData("my first name is kate", "Kate")]
    [InlineData("i am called henry", "Henry")]
    [InlineData("my name is mary-jane o'neill", "Mary Jane Oneill")]
    [InlineData("my name is will", "Will")]
    [InlineData("i am king", "King")]
    [InlineData("my name is sterling", "Sterling")]
    [InlineData("i am mohammed", "Mohammed")]
    [InlineData("my name is alice and i need the time", "Alice")]
    [InlineData("hi i'm bob how are you", "Bob")]
    [InlineData("hey i'm zoe nice to meet you", "Zoe")]
    [InlineData("i'm bob actually call me rob", "Rob")]
    [InlineData("my name is bob i'm fine thanks", "Bob")]
    public void FindsTheName(string heard, string expected)
    {
        Assert.True(IntroductionParser.TryParse(TextNormalizer.Tokenize(heard), out var name));
        Assert.Equal(expected, name);
    }

    [Theory]
    [InlineData("i am fine")]
    [InlineData("i'm good thanks")]
    [InlineData("i am looking for the time")]
    [InlineData("i'm not sure")]
    [InlineData("i am ok")]
    [InlineData("i'm okay")]
    [InlineData("i am so tired")]
    [InlineData("i am very hungry")]
    [InlineData("i'm sorry")]
    [InlineData("i am back")]
    [InlineData("i'm here")]
    [InlineData("i am ready")]
    [InlineData("i'm done")]
    [InlineData("i am sure")]
    [InlineData("i'm just trying to find the date")]
    [InlineData("i am going home")]
    [InlineData("i'm well")]
    [InlineData("i am a teacher")]
    [InlineData("i'm the manager")]
    [InlineData("i am in london")]
    [InlineData("i'm from london")]
    [InlineData("i am twenty five")]
    [InlineData("i'm 25")]
    [InlineData("i am hoping you can help me")]
    [InlineData("i'm wondering")]
    [InlineData("i'm lying")]
    [InlineData("i am cold")]
    [InlineData("i'm married")]
    [InlineData("i'm on it")]
    [InlineData("i'm totally lost")]
    [InlineData("call me crazy but")]
    [InlineData("call me maybe")]
    [InlineData("call me later")]
    [InlineData("can you call me a taxi")]
    [InlineData("this is great")]
    [InlineData("this is erin")]
    [InlineData("my name is alice mary jane smith")]
    [InlineData("my name is not important")]
    [InlineData("what is my name")]
    [InlineData("who am i")]
    [InlineData("what time is it")]
    [InlineData("")]
    public void IgnoresOrdinarySentences(string heard) =>
        Assert.False(IntroductionParser.TryParse(TextNormalizer.Tokenize(heard), out _));

    [Theory]
    [InlineData("alice", "Alice")]
    [InlineData("carol smith please", "Carol Smith")]
    [InlineData("bob thanks", "Bob")]
    public void ReadsABareName(string heard, string expected)
    {
        Assert.True(IntroductionParser.TryParseBareName(TextNormalizer.Tokenize(heard), out var name));
        Assert.Equal(expected, name);
    }

    [Theory]
    [InlineData("never mind")]
    [InlineData("no thanks")]
    [InlineData("i don't know")]
    [InlineData("whatever")]
    [InlineData("forget it")]
    [InlineData("nothing")]
    [InlineData("what time is it")]
    [InlineData("twelve")]
    public void RefusesABareNonName(string heard) =>
        Assert.False(IntroductionParser.TryParseBareName(TextNormalizer.Tokenize(heard), out _));
}
