using Microsoft.Extensions.AI;
using Parley.Agents.Embedded;

namespace Parley.Agents.Tests.Embedded;

/// <summary>Remembering the user's name across the turns and sessions of one conversation.</summary>
public sealed class EmbeddedChatClientNameTests
{
    private const string SystemPrompt = "You are Parley, a helpful voice assistant. Keep answers short.";
    private const string Welcome = "Hello! I'm Parley. How can I help?";
    private const string NameUnknown = "I don't know your name yet. What should I call you?";
    private const string Fallback = "Sorry, I didn't catch that. I can tell you the time or the date, or do some simple arithmetic.";

    private readonly EmbeddedChatClient _client = new(FixedTimeProvider.Sample());

    [Theory]
    [InlineData("my name is alice", "Nice to meet you, Alice.")]
    [InlineData("i'm bob", "Nice to meet you, Bob.")]
    [InlineData("i am carol smith", "Nice to meet you, Carol Smith.")]
    [InlineData("call me dave", "Nice to meet you, Dave.")]
    [InlineData("this is erin speaking", "Nice to meet you, Erin.")]
    [InlineData("hi my name is frank", "Nice to meet you, Frank.")]
    [InlineData("hello my name is alice", "Nice to meet you, Alice.")]
    [InlineData("My name is Alice.", "Nice to meet you, Alice.")]
    public async Task AnswersAnIntroductionByName(string heard, string expected)
    {
        var response = await _client.GetResponseAsync([new(ChatRole.System, SystemPrompt), new(ChatRole.User, heard)]);

        Assert.Equal(expected, response.Text);
    }

    [Theory]
    [InlineData("i am fine", Fallback)]
    [InlineData("i'm not sure", Fallback)]
    [InlineData("i'm good thanks", "You're welcome! Anything else?")]
    [InlineData("i am looking for the time", "It's three forty-five in the afternoon.")]
    [InlineData("this is great", Fallback)]
    public async Task DoesNotTakeOrdinarySentencesForIntroductions(string heard, string expected)
    {
        var response = await _client.GetResponseAsync([new(ChatRole.User, heard)]);

        Assert.Equal(expected, response.Text);
    }

    [Theory]
    [InlineData("what's my name")]
    [InlineData("what is my name")]
    [InlineData("do you remember my name")]
    [InlineData("who am i")]
    [InlineData("What's my name?")]
    public async Task SaysTheNameFromAnEarlierSession(string question)
    {
        var history = EarlierSessions(("hi my name is alice", "Nice to meet you, Alice."), ("what time is it", "It's three forty-five in the afternoon."));
        history.Add(new(ChatRole.User, question));

        var response = await _client.GetResponseAsync(history);

        Assert.Equal("Your name is Alice.", response.Text);
    }

    [Fact]
    public async Task TheLatestIntroductionWins()
    {
        var history = EarlierSessions(
            ("my name is alice", "Nice to meet you, Alice."),
            ("thanks bye", "Goodbye! Talk to you soon."),
            ("actually call me ally", "Nice to meet you, Ally."),
            ("what is two plus two", "Two plus two is four."));
        history.Add(new(ChatRole.User, "do you remember my name"));

        Assert.Equal("Your name is Ally.", (await _client.GetResponseAsync(history)).Text);
    }

    [Fact]
    public async Task SaysItDoesNotKnowWhenNoNameWasGiven()
    {
        var history = EarlierSessions(("hello", "Hi there! How can I help?"), ("what time is it", "It's three forty-five in the afternoon."));
        history.Add(new(ChatRole.User, "what's my name"));

        Assert.Equal(NameUnknown, (await _client.GetResponseAsync(history)).Text);
        Assert.Equal(NameUnknown, (await _client.GetResponseAsync([new(ChatRole.User, "who am i")])).Text);
    }

    [Fact]
    public async Task OrdinarySentencesInTheHistoryDoNotSetAName()
    {
        var history = EarlierSessions(
            ("i am fine", Fallback),
            ("i'm good thanks", "You're welcome! Anything else?"),
            ("i am looking for the time", "It's three forty-five in the afternoon."),
            ("i'm not sure", Fallback));
        history.Add(new(ChatRole.User, "what is my name"));

        Assert.Equal(NameUnknown, (await _client.GetResponseAsync(history)).Text);
    }

    [Fact]
    public async Task IgnoresNamesInAssistantMessages()
    {
        var history = EarlierSessions(
            ("hello", "Hi there! I'm Parley. My name is Parley. Nice to meet you, Zed."),
            ("thanks", "You're welcome! Anything else?"));
        history.Add(new(ChatRole.User, "what's my name"));

        Assert.Equal(NameUnknown, (await _client.GetResponseAsync(history)).Text);
    }

    [Fact]
    public async Task AKnownNameSurvivesLaterNonIntroductions()
    {
        var history = EarlierSessions(
            ("i'm bob", "Nice to meet you, Bob."),
            ("i am fine", Fallback),
            ("i'm not sure", Fallback));
        history.Add(new(ChatRole.User, "who am i"));

        Assert.Equal("Your name is Bob.", (await _client.GetResponseAsync(history)).Text);
    }

    [Fact]
    public async Task TakesABareNameAfterAskingForIt()
    {
        List<ChatMessage> history = [new(ChatRole.System, SystemPrompt), new(ChatRole.User, "what's my name"), new(ChatRole.Assistant, NameUnknown), new(ChatRole.User, "carol smith")];

        Assert.Equal("Nice to meet you, Carol Smith.", (await _client.GetResponseAsync(history)).Text);

        history.AddRange([new(ChatRole.Assistant, "Nice to meet you, Carol Smith."), new(ChatRole.User, "what's my name")]);
        Assert.Equal("Your name is Carol Smith.", (await _client.GetResponseAsync(history)).Text);
    }

    [Fact]
    public async Task DoesNotTakeABareWordForANameUnlessAsked()
    {
        Assert.Equal(Fallback, (await _client.GetResponseAsync([new(ChatRole.User, "alice")])).Text);
        Assert.Equal(Fallback, (await _client.GetResponseAsync(
            [new(ChatRole.User, "who am i"), new(ChatRole.Assistant, NameUnknown), new(ChatRole.User, "never mind")])).Text);
        Assert.Equal(NameUnknown, (await _client.GetResponseAsync(
            [new(ChatRole.User, "hello"), new(ChatRole.Assistant, "Hi there! How can I help?"), new(ChatRole.User, "alice"),
             new(ChatRole.Assistant, Fallback), new(ChatRole.User, "what's my name")])).Text);
    }

    [Fact]
    public async Task WelcomesAKnownCallerBackByName()
    {
        var history = EarlierSessions(("hello my name is alice", "Nice to meet you, Alice."), ("goodbye", "Goodbye! Talk to you soon."));

        Assert.Equal("Welcome back, Alice! How can I help?", (await _client.GetResponseAsync(history)).Text);
    }

    [Fact]
    public async Task WelcomesAnUnknownCallerAsUsual()
    {
        var history = EarlierSessions(("i am fine", Fallback), ("goodbye", "Goodbye! Talk to you soon."));

        Assert.Equal(Welcome, (await _client.GetResponseAsync(history)).Text);
    }

    [Fact]
    public async Task QuestionsAboutTheAgentAreNotNameQuestions()
    {
        var response = await _client.GetResponseAsync([new(ChatRole.User, "my name is alice"), new(ChatRole.Assistant, "Nice to meet you, Alice."), new(ChatRole.User, "who am i talking to")]);

        Assert.Equal("I can tell you the time or the date, and do simple arithmetic, like twelve times seven. Just ask!", response.Text);
    }

    // A continuing conversation as the voice session replays it: the system prompt, then the earlier turns.
    private static List<ChatMessage> EarlierSessions(params (string User, string Assistant)[] turns)
    {
        List<ChatMessage> history = [new(ChatRole.System, SystemPrompt)];
        foreach (var (user, assistant) in turns)
        {
            history.Add(new(ChatRole.User, user));
            history.Add(new(ChatRole.Assistant, assistant));
        }

        return history;
    }
}
