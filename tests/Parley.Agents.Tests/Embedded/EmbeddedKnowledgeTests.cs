using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Parley.Agents.Embedded;
using Parley.Agents.ToolCalls;
using Parley.Agents.Tools;

namespace Parley.Agents.Tests.Embedded;

/// <summary>The embedded agent answering from knowledge, saying what it can do and ending the call, through real tools.</summary>
public sealed class EmbeddedKnowledgeTests : IDisposable
{
    private const string Goodbye = "Goodbye! Talk to you soon.";
    private const string NothingFound = "Sorry, I couldn't find anything about that in my documents.";

    private readonly ConcurrentQueue<ToolCallEvent> _events = new();
    private readonly InMemoryKnowledge _knowledge = new(
        ("handbook.pdf", "# Office\n\nWelcome to the **Acme** office. The office wifi password is blue giraffe. Visitors sign in at the front desk."),
        ("handbook.pdf", "Staff may park in the north lot. The garage closes at ten at night."),
        ("hours.md", "## Opening hours\n\nThe shop opens at nine and closes at six on weekdays."),
        ("launch.txt", "The launch code for project falcon is seven seven four."));

    private readonly EndCallRecorder _endCall = new();
    private readonly AgentPipeline _agent;

    public EmbeddedKnowledgeTests() => _agent = Create(_knowledge.Function, _endCall.Function);

    public void Dispose() => _agent.Dispose();

    [Theory]
    [InlineData("what is the office wifi password", "office wifi password", "According to handbook.pdf, the office wifi password is blue giraffe.")]
    [InlineData("hello what's the wifi password", "wifi password", "According to handbook.pdf, the office wifi password is blue giraffe.")]
    [InlineData("what does the document say about parking", "parking", "According to handbook.pdf, staff may park in the north lot.")]
    [InlineData("tell me about project falcon", "project falcon", "According to launch.txt, the launch code for project falcon is seven seven four.")]
    [InlineData("what is the launch code for project falcon", "launch code project falcon", "According to launch.txt, the launch code for project falcon is seven seven four.")]
    [InlineData("what time does the shop open", "time shop open", "According to hours.md, the shop opens at nine and closes at six on weekdays.")]
    [InlineData("when does the garage close", "garage close", "According to handbook.pdf, the garage closes at ten at night.")]
    [InlineData("thanks and where do visitors sign in", "visitors sign", "According to handbook.pdf, visitors sign in at the front desk.")]
    [InlineData("garage", "garage", "According to handbook.pdf, the garage closes at ten at night.")]
    public async Task Answers_a_question_from_the_best_passage_through_knowledge_search(string heard, string query, string expected)
    {
        var response = await _agent.GetResponseAsync([new(ChatRole.User, heard)]);

        Assert.Equal(expected, response.Text);
        Assert.Equal([query], _knowledge.Queries);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(ToolNames.KnowledgeSearch, call.Name);
        AssertEvents(ToolNames.KnowledgeSearch, ToolCallStatus.Started, ToolCallStatus.Completed);
    }

    [Theory]
    [InlineData("what is the capital of peru")]
    [InlineData("who won the football last night")]
    public async Task Says_so_politely_when_nothing_relevant_came_back(string heard)
    {
        var response = await _agent.GetResponseAsync([new(ChatRole.User, heard)]);

        Assert.Equal(NothingFound, response.Text);
        AssertEvents(ToolNames.KnowledgeSearch, ToolCallStatus.Started, ToolCallStatus.Completed);
    }

    [Theory]
    [InlineData("what time is it", "get_current_time", "It's three forty-five in the afternoon.")]
    [InlineData("what's the date today", "get_current_time", "Today is Saturday, March fourteenth, twenty twenty-six.")]
    [InlineData("what time is it in tokyo", "get_current_time", "In Tokyo, it's ten forty-five at night.")]
    [InlineData("i am looking for the time", "get_current_time", "It's three forty-five in the afternoon.")]
    [InlineData("what is twelve times seven", "calculator", "Twelve times seven is eighty-four.")]
    public async Task Keeps_clock_and_sums_on_their_own_tools(string heard, string tool, string expected)
    {
        var response = await _agent.GetResponseAsync([new(ChatRole.User, heard)]);

        Assert.Equal(expected, response.Text);
        Assert.Empty(_knowledge.Queries);
        AssertEvents(tool, ToolCallStatus.Started, ToolCallStatus.Completed);
    }

    [Theory]
    [InlineData("hi there", "Hi there! How can I help?")]
    [InlineData("good morning", "Hi there! How can I help?")]
    [InlineData("how are you", "I'm doing well, thanks for asking! How can I help?")]
    [InlineData("thank you", "You're welcome! Anything else?")]
    [InlineData("i am fine", "Sorry, I didn't catch that. You can ask me about my documents, the time or the date, or some simple arithmetic.")]
    [InlineData("okay", "Sorry, I didn't catch that. You can ask me about my documents, the time or the date, or some simple arithmetic.")]
    [InlineData("my name is alice", "Nice to meet you, Alice.")]
    public async Task Small_talk_is_not_searched(string heard, string expected)
    {
        var response = await _agent.GetResponseAsync([new(ChatRole.User, heard)]);

        Assert.Equal(expected, response.Text);
        Assert.Empty(_knowledge.Queries);
        Assert.Empty(_events);
    }

    [Fact]
    public async Task A_bare_name_answering_what_to_call_the_user_is_not_searched()
    {
        List<ChatMessage> history =
        [
            new(ChatRole.User, "what's my name"),
            new(ChatRole.Assistant, "I don't know your name yet. What should I call you?"),
            new(ChatRole.User, "alice"),
        ];

        Assert.Equal("Nice to meet you, Alice.", (await _agent.GetResponseAsync(history)).Text);
        Assert.Empty(_knowledge.Queries);
    }

    [Fact]
    public async Task Without_knowledge_search_a_question_gets_the_fallback()
    {
        using var agent = Create();

        var response = await agent.GetResponseAsync([new(ChatRole.User, "what is the office wifi password")]);

        Assert.Equal("Sorry, I didn't catch that. I can tell you the time or the date, or do some simple arithmetic.", response.Text);
        Assert.Empty(_knowledge.Queries);
    }

    [Theory]
    [InlineData("what can you do")]
    [InlineData("help")]
    [InlineData("who are you")]
    [InlineData("how does this work")]
    public async Task Help_lists_the_capabilities_actually_offered(string heard)
    {
        using var builtInOnly = Create();
        using var withKnowledge = Create(_knowledge.Function);

        Assert.Equal(
            "I can answer questions from my documents, tell you the time or the date, and do simple arithmetic, like twelve times seven. When you're done, just say goodbye.",
            (await _agent.GetResponseAsync([new(ChatRole.User, heard)])).Text);
        Assert.Equal(
            "I can answer questions from my documents, tell you the time or the date, and do simple arithmetic, like twelve times seven. Just ask!",
            (await withKnowledge.GetResponseAsync([new(ChatRole.User, heard)])).Text);
        Assert.Equal(
            "I can tell you the time or the date, and do simple arithmetic, like twelve times seven. Just ask!",
            (await builtInOnly.GetResponseAsync([new(ChatRole.User, heard)])).Text);
        Assert.Empty(_knowledge.Queries);
    }

    [Fact]
    public async Task A_question_that_mentions_help_is_still_searched()
    {
        var response = await _agent.GetResponseAsync([new(ChatRole.User, "what help is there for parking")]);

        Assert.Equal("According to handbook.pdf, staff may park in the north lot.", response.Text);
        Assert.Equal(["help parking"], _knowledge.Queries);
    }

    [Theory]
    [InlineData("goodbye")]
    [InlineData("bye")]
    [InlineData("that's all thanks bye")]
    [InlineData("hang up")]
    [InlineData("ok that's all")]
    [InlineData("please end the call")]
    [InlineData("i'm done")]
    public async Task Goodbye_ends_the_call_through_end_call(string heard)
    {
        var response = await _agent.GetResponseAsync([new(ChatRole.User, heard)]);

        Assert.Equal(Goodbye, response.Text);
        Assert.Equal(1, _endCall.Calls);
        AssertEvents(ToolNames.EndCall, ToolCallStatus.Started, ToolCallStatus.Completed);
    }

    [Fact]
    public async Task Without_end_call_goodbye_is_only_said()
    {
        using var agent = Create(_knowledge.Function);

        Assert.Equal(Goodbye, (await agent.GetResponseAsync([new(ChatRole.User, "bye")])).Text);
        Assert.Equal(0, _endCall.Calls);
        Assert.Empty(_events);
    }

    [Fact]
    public async Task Answers_from_a_result_read_back_as_json_cleaned_for_speech()
    {
        var call = new FunctionCallContent("call_1", ToolNames.KnowledgeSearch, new Dictionary<string, object?> { ["query"] = "visitors sign" });
        var result = JsonSerializer.SerializeToElement(new
        {
            passages = new[]
            {
                new { text = "**Visitors** sign in at the [front desk](https://acme.example/desk). Details: https://acme.example/visitors", source = "guide.md", page = (int?)null },
            },
        });
        List<ChatMessage> messages =
        [
            new(ChatRole.User, "where do visitors sign in"),
            new(ChatRole.Assistant, [call]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", result)]),
        ];

        var response = await new EmbeddedChatClient(FixedTimeProvider.Sample()).GetResponseAsync(messages, _agent.CreateOptions());

        Assert.Equal("According to guide.md, visitors sign in at the front desk.", response.Text);
    }

    [Fact]
    public async Task A_failed_search_is_reported_and_answered_politely()
    {
        var broken = AIFunctionFactory.Create(
            new Func<string, string>(query => throw new InvalidOperationException("The index is offline.")),
            new AIFunctionFactoryOptions { Name = ToolNames.KnowledgeSearch });
        using var agent = Create(broken);

        var response = await agent.GetResponseAsync([new(ChatRole.User, "what is the office wifi password")]);

        Assert.Equal("Sorry, I couldn't search my documents just now.", response.Text);
        AssertEvents(ToolNames.KnowledgeSearch, ToolCallStatus.Started, ToolCallStatus.Failed);
    }

    [Fact]
    public async Task A_conversation_asks_thanks_and_says_goodbye_with_the_tool_calls_in_its_history()
    {
        List<ChatMessage> history = [];

        async Task<string> TurnAsync(string heard)
        {
            history.Add(new ChatMessage(ChatRole.User, heard));
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in _agent.GetStreamingResponseAsync(history))
            {
                updates.Add(update);
            }

            history.AddMessages(updates);
            return string.Concat(updates.Select(u => u.Text));
        }

        Assert.Equal("According to launch.txt, the launch code for project falcon is seven seven four.", await TurnAsync("what is the launch code for project falcon"));
        Assert.Equal("You're welcome! Anything else?", await TurnAsync("thank you"));
        Assert.Equal(Goodbye, await TurnAsync("that's all thanks bye"));
        Assert.Equal(1, _endCall.Calls);
        Assert.Equal(2, history.Count(m => m.Role == ChatRole.Tool));
    }

    private AgentPipeline Create(params AITool[] extra)
    {
        var time = FixedTimeProvider.Sample();
        return AgentChatClientFactory.Create(
            new EmbeddedChatClient(time),
            [.. new BuiltInTools(time).All, .. extra],
            time,
            (toolCall, _) =>
            {
                _events.Enqueue(toolCall);
                return ValueTask.CompletedTask;
            });
    }

    private void AssertEvents(string toolName, params ToolCallStatus[] statuses)
    {
        var events = _events.ToList();
        Assert.Equal(statuses, events.Select(e => e.Status));
        Assert.All(events, e => Assert.Equal(toolName, e.ToolName));
        Assert.Single(events.Select(e => e.CallId).Distinct());
    }
}
