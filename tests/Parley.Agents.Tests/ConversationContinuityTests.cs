using Microsoft.Extensions.AI;

namespace Parley.Agents.Tests;

/// <summary>
/// Issue 3, continuity: the user says their name in one session; a later session on the same conversation hears it
/// back. Runs the full pipeline (function invocation and tools) the way a voice session drives it.
/// </summary>
public sealed class ConversationContinuityTests : IDisposable
{
    private const string SystemPrompt = "You are Parley, a helpful voice assistant.";
    private const string NameUnknown = "I don't know your name yet. What should I call you?";

    private readonly AgentPipeline _agent = AgentChatClientFactory.CreateEmbedded(FixedTimeProvider.Sample());

    public void Dispose() => _agent.Dispose();

    [Fact]
    public async Task SaysTheNameBackInALaterSession()
    {
        var first = new Session(_agent, []);
        Assert.Equal("Hello! I'm Parley. How can I help?", await first.TurnAsync(null));
        Assert.Equal("Nice to meet you, Alice.", await first.TurnAsync("hi my name is alice"));
        Assert.Equal("It's three forty-five in the afternoon.", await first.TurnAsync("what time is it"));
        Assert.Equal("Goodbye! Talk to you soon.", await first.TurnAsync("thanks bye"));

        var second = new Session(_agent, first.StoredTurns());
        Assert.Equal("Welcome back, Alice! How can I help?", await second.TurnAsync(null));
        Assert.Equal("Twelve times seven is eighty-four.", await second.TurnAsync("what is twelve times seven"));
        Assert.Equal("Your name is Alice.", await second.TurnAsync("what's my name"));
    }

    [Fact]
    public async Task RemembersAcrossToolCallsInTheSameSession()
    {
        var session = new Session(_agent, []);
        await session.TurnAsync("i am carol smith");
        await session.TurnAsync("what is the date in tokyo");
        await session.TurnAsync("what is two plus two");

        Assert.Equal("Your name is Carol Smith.", await session.TurnAsync("do you remember my name"));
    }

    [Fact]
    public async Task ACorrectionInALaterSessionWins()
    {
        var first = new Session(_agent, []);
        await first.TurnAsync("this is erin speaking");
        var second = new Session(_agent, first.StoredTurns());
        Assert.Equal("Welcome back, Erin! How can I help?", await second.TurnAsync(null));
        Assert.Equal("Nice to meet you, Dave.", await second.TurnAsync("actually call me dave"));

        var third = new Session(_agent, second.StoredTurns());
        Assert.Equal("Welcome back, Dave! How can I help?", await third.TurnAsync(null));
        Assert.Equal("Your name is Dave.", await third.TurnAsync("who am i"));
    }

    [Fact]
    public async Task DoesNotInventANameFromOrdinarySentences()
    {
        var first = new Session(_agent, []);
        Assert.Equal("It's three forty-five in the afternoon.", await first.TurnAsync("i am looking for the time"));
        await first.TurnAsync("i'm good thanks");
        await first.TurnAsync("i am fine");
        await first.TurnAsync("i'm not sure");

        var second = new Session(_agent, first.StoredTurns());
        Assert.Equal("Hello! I'm Parley. How can I help?", await second.TurnAsync(null));
        Assert.Equal(NameUnknown, await second.TurnAsync("what is my name"));
        Assert.Equal("Nice to meet you, Frank.", await second.TurnAsync("frank"));

        var third = new Session(_agent, second.StoredTurns());
        Assert.Equal("Welcome back, Frank! How can I help?", await third.TurnAsync(null));
    }

    [Fact]
    public async Task StreamsTheNamedGreetingForTts()
    {
        List<ChatMessage> history =
        [
            new(ChatRole.System, SystemPrompt),
            new(ChatRole.User, "my name is bob"),
            new(ChatRole.Assistant, "Nice to meet you, Bob."),
        ];

        var chunks = new List<string>();
        await foreach (var chunk in _agent.StreamTextAsync(history))
        {
            chunks.Add(chunk);
        }

        Assert.True(chunks.Count > 1, "The greeting should arrive in several chunks.");
        Assert.Equal("Welcome back, Bob! How can I help?", string.Concat(chunks));
    }

    /// <summary>One voice session: the system prompt, the stored turns of earlier sessions, then this session's turns.</summary>
    private sealed class Session(AgentPipeline agent, IReadOnlyList<ChatMessage> earlierTurns)
    {
        private readonly List<ChatMessage> _history = [new(ChatRole.System, SystemPrompt), .. earlierTurns];

        public async Task<string> TurnAsync(string? heard)
        {
            if (heard is not null)
            {
                _history.Add(new ChatMessage(ChatRole.User, heard));
            }

            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in agent.GetStreamingResponseAsync(_history))
            {
                updates.Add(update);
            }

            _history.AddMessages(updates);
            return string.Concat(updates.Select(u => u.Text));
        }

        // What storage keeps for the next session: the spoken user and assistant text, no prompts or tool traffic.
        public List<ChatMessage> StoredTurns() =>
        [
            .. _history
                .Where(m => (m.Role == ChatRole.User || m.Role == ChatRole.Assistant) && m.Text.Length > 0)
                .Select(m => new ChatMessage(m.Role, m.Text)),
        ];
    }
}
