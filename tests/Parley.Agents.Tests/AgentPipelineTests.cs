using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Parley.Agents.ToolCalls;

namespace Parley.Agents.Tests;

public sealed class AgentPipelineTests : IDisposable
{
    private const string SystemPrompt = "You are Parley, a helpful voice assistant.";

    private readonly ConcurrentQueue<ToolCallEvent> _events = new();
    private readonly AgentPipeline _agent;

    public AgentPipelineTests()
    {
        _agent = AgentChatClientFactory.CreateEmbedded(FixedTimeProvider.Sample(), (toolCall, _) =>
        {
            _events.Enqueue(toolCall);
            return ValueTask.CompletedTask;
        });
    }

    public void Dispose() => _agent.Dispose();

    [Fact]
    public async Task TellsTheTimeThroughTheTimeTool()
    {
        var response = await _agent.GetResponseAsync([new(ChatRole.System, SystemPrompt), new(ChatRole.User, "what's the time")]);

        var contents = response.Messages.SelectMany(m => m.Contents).ToList();
        var call = Assert.Single(contents.OfType<FunctionCallContent>());
        var result = Assert.Single(contents.OfType<FunctionResultContent>());
        Assert.Equal("get_current_time", call.Name);
        Assert.Equal(call.CallId, result.CallId);
        Assert.Null(result.Exception);
        Assert.Equal("It's three forty-five in the afternoon.", response.Text);
        AssertEvents(call.CallId, "get_current_time", ToolCallStatus.Started, ToolCallStatus.Completed);
    }

    [Fact]
    public async Task TellsTheDateInANamedPlace()
    {
        var response = await _agent.GetResponseAsync([new(ChatRole.User, "what is the date in tokyo")]);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("Asia/Tokyo", call.Arguments!["timeZone"]);
        Assert.Equal("In Tokyo, it's Saturday, March fourteenth, twenty twenty-six.", response.Text);
    }

    [Fact]
    public async Task StreamsACalculationThroughTheCalculatorTool()
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _agent.GetStreamingResponseAsync([new(ChatRole.User, "what is twelve times seven")]))
        {
            updates.Add(update);
        }

        var contents = updates.SelectMany(u => u.Contents).ToList();
        var call = Assert.Single(contents.OfType<FunctionCallContent>());
        var result = Assert.Single(contents.OfType<FunctionResultContent>());
        Assert.Equal("calculator", call.Name);
        Assert.Equal(call.CallId, result.CallId);
        Assert.True(updates.Count(u => u.Text.Length > 0) > 1, "The answer should arrive in several text updates.");
        Assert.Equal("Twelve times seven is eighty-four.", string.Concat(updates.Select(u => u.Text)));

        AssertEvents(call.CallId, "calculator", ToolCallStatus.Started, ToolCallStatus.Completed);
        var completed = _events.Last();
        Assert.Equal("84", completed.Result?.ToString());
        Assert.Equal(12.0, completed.Arguments["a"]);
    }

    [Fact]
    public async Task ReportsAFailedToolCallAndAnswersPolitely()
    {
        var response = await _agent.GetResponseAsync([new(ChatRole.User, "what is five divided by zero")]);

        Assert.Equal("I can't divide by zero. Try another number.", response.Text);
        var result = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>());
        Assert.IsType<DivideByZeroException>(result.Exception);
        AssertEvents(result.CallId, "calculator", ToolCallStatus.Started, ToolCallStatus.Failed);
        Assert.IsType<DivideByZeroException>(_events.Last().Error);
    }

    [Fact]
    public async Task GreetsAtTheStartOfACallWithoutTools()
    {
        var text = await ReadTextAsync(_agent.StreamTextAsync([new(ChatRole.System, SystemPrompt)]));

        Assert.Equal("Hello! I'm Parley. How can I help?", text);
        Assert.Empty(_events);
    }

    [Fact]
    public async Task KeepsWorkingAcrossTurnsWithToolCallsInTheHistory()
    {
        List<ChatMessage> history = [new(ChatRole.System, SystemPrompt)];

        async Task<string> TurnAsync(string? heard)
        {
            if (heard is not null)
            {
                history.Add(new ChatMessage(ChatRole.User, heard));
            }

            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in _agent.GetStreamingResponseAsync(history))
            {
                updates.Add(update);
            }

            history.AddMessages(updates);
            return string.Concat(updates.Select(u => u.Text));
        }

        Assert.Equal("Hello! I'm Parley. How can I help?", await TurnAsync(null));
        Assert.Equal("Sorry, I didn't catch that. I can tell you the time or the date, or do some simple arithmetic.", await TurnAsync(""));
        Assert.Equal("It's three forty-five in the afternoon.", await TurnAsync("what time is it"));
        Assert.Equal("Two plus two is four.", await TurnAsync("and what is two plus two"));
        Assert.Equal("Goodbye! Talk to you soon.", await TurnAsync("thank you bye"));
        Assert.Equal(4, _events.Count);
        Assert.Equal(2, history.Count(m => m.Role == ChatRole.Tool));
    }

    [Fact]
    public async Task WorksWithoutAnObserverOnTheSystemClock()
    {
        using var agent = AgentChatClientFactory.CreateEmbedded();

        var text = await ReadTextAsync(agent.StreamTextAsync([new(ChatRole.User, "what's the time")]));

        Assert.StartsWith("It's ", text, StringComparison.Ordinal);
    }

    private void AssertEvents(string callId, string toolName, params ToolCallStatus[] statuses)
    {
        var events = _events.ToList();
        Assert.Equal(statuses, events.Select(e => e.Status));
        Assert.All(events, e => Assert.Equal(callId, e.CallId));
        Assert.All(events, e => Assert.Equal(toolName, e.ToolName));
    }

    private static async Task<string> ReadTextAsync(IAsyncEnumerable<string> chunks)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var chunk in chunks)
        {
            text.Append(chunk);
        }

        return text.ToString();
    }
}
