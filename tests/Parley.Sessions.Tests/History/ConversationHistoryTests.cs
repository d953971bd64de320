using Microsoft.Extensions.AI;
using Parley.Sessions.History;
using Parley.Sessions.Replies;
using Parley.Storage.Messages;

namespace Parley.Sessions.Tests.History;

public sealed class ConversationHistoryTests
{
    [Fact]
    public void Instructions_come_first_then_earlier_sessions_then_this_one()
    {
        var history = new ConversationHistory(["Be brief.", "", "Say hi."], [new TranscriptLine("user", "hi"), new TranscriptLine("agent", "hello")]);
        history.Add(MessageRoles.User, "what time is it");
        var messages = history.Snapshot();
        Assert.Equal([ChatRole.System, ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], messages.Select(m => m.Role));
        Assert.Equal("what time is it", messages[^1].Text);
    }

    [Fact]
    public void Over_the_budget_the_oldest_turns_go_first_but_never_the_instructions_or_the_newest_turn()
    {
        var history = new ConversationHistory([new string('s', 400)], []);
        for (var i = 0; i < 10; i++)
        {
            history.Add(MessageRoles.User, $"question {i} " + new string('q', 392));
        }

        var messages = history.Snapshot(tokenBudget: 104 + (3 * 104)); // each message is about 104 tokens
        Assert.Equal(4, messages.Count);
        Assert.Equal(ChatRole.System, messages[0].Role);
        Assert.StartsWith("question 7", messages[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("question 9", messages[^1].Text, StringComparison.Ordinal);

        var tiny = history.Snapshot(tokenBudget: 1);
        Assert.StartsWith("question 9", tiny[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tool_result_is_never_kept_without_its_call()
    {
        var history = new ConversationHistory([], []);
        history.Add(MessageRoles.User, "what is two plus two");
        history.AddRange(
        [
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c1", "calculator")]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", new string('4', 400))]),
        ]);
        history.Add(MessageRoles.Agent, "Four.");
        var messages = history.Snapshot(tokenBudget: 10);
        Assert.DoesNotContain(messages, m => m.Role == ChatRole.Tool);
    }

    [Fact]
    public void A_replys_tool_calls_and_results_are_kept_apart_from_its_text()
    {
        ChatResponseUpdate[] updates =
        [
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "calculator", new Dictionary<string, object?> { ["a"] = 2 })]) { MessageId = "m1" },
            new(ChatRole.Tool, [new FunctionResultContent("c1", 4)]) { MessageId = "m2" },
            new(ChatRole.Assistant, "Two plus two ") { MessageId = "m3" },
            new(ChatRole.Assistant, "is four.") { MessageId = "m3" },
        ];
        var exchange = ToolExchange.From(updates);
        Assert.Equal(2, exchange.Count);
        Assert.IsType<FunctionCallContent>(Assert.Single(exchange[0].Contents));
        Assert.IsType<FunctionResultContent>(Assert.Single(exchange[1].Contents));
        Assert.Empty(ToolExchange.From([new ChatResponseUpdate(ChatRole.Assistant, "Hello.")]));
    }
}
