using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Parley.Agents.ToolCalls;
using Parley.Agents.Tools;

namespace Parley.Agents.Tests.ToolCalls;

/// <summary>A reply prepared before its turn is confirmed: the embedded agent's built-in tools run at once, their statuses wait.</summary>
public sealed class TurnConfirmationTests : IDisposable
{
    private readonly ConcurrentQueue<ToolCallEvent> _events = new();
    private readonly AgentPipeline _agent;

    public TurnConfirmationTests()
    {
        _agent = AgentChatClientFactory.CreateEmbedded(FixedTimeProvider.Sample(), (toolCall, _) =>
        {
            _events.Enqueue(toolCall);
            return ValueTask.CompletedTask;
        });
    }

    public void Dispose() => _agent.Dispose();

    [Fact]
    public void The_built_in_tools_are_marked_free_of_side_effects_and_others_are_not()
    {
        Assert.All(new BuiltInTools(FixedTimeProvider.Sample()).All, tool => Assert.True(ToolEffects.IsFreeOfSideEffects(tool), tool.Name));
        Assert.False(ToolEffects.IsFreeOfSideEffects(AIFunctionFactory.Create(() => "sent", "send_email")));
    }

    [Fact]
    public async Task A_built_in_tool_answers_before_confirmation_and_reports_only_once_confirmed()
    {
        var confirmation = new TurnConfirmation();
        var response = await _agent.ChatClient.GetResponseAsync([new(ChatRole.User, "what is twelve times seven")], confirmation.Apply(_agent.CreateOptions()));

        Assert.Contains("eighty-four", response.Text, StringComparison.Ordinal); // the tool ran: the answer is ready
        Assert.Empty(_events); // ... and nothing of it was said yet

        confirmation.Confirm();
        await confirmation.HeldReports;
        Assert.Equal([ToolCallStatus.Started, ToolCallStatus.Completed], _events.Select(e => e.Status));
    }

    [Fact]
    public async Task A_dropped_reply_never_reports_the_tools_it_ran()
    {
        var confirmation = new TurnConfirmation();
        await _agent.ChatClient.GetResponseAsync([new(ChatRole.User, "what is twelve times seven")], confirmation.Apply(_agent.CreateOptions()));

        confirmation.Drop();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => confirmation.HeldReports);
        Assert.Empty(_events);
    }

    [Fact]
    public async Task A_tool_with_effects_waits_for_confirmation_and_never_runs_when_dropped()
    {
        var runs = 0;
        var tool = AIFunctionFactory.Create(() => Interlocked.Increment(ref runs), "book_table");
        using var agent = AgentChatClientFactory.Create(new CallsOneTool("book_table"), [tool], FixedTimeProvider.Sample(), (toolCall, _) =>
        {
            _events.Enqueue(toolCall);
            return ValueTask.CompletedTask;
        });

        var dropped = new TurnConfirmation();
        var first = agent.ChatClient.GetResponseAsync([new(ChatRole.User, "book it")], dropped.Apply(agent.CreateOptions()));
        await Task.Delay(50);
        Assert.False(first.IsCompleted); // waiting for its turn
        dropped.Drop(); // (A session also cancels the dropped reply's request; here the invoker alone sees the drop.)
        await first;
        Assert.Equal(0, runs);
        Assert.Empty(_events);

        var confirmed = new TurnConfirmation();
        var second = agent.ChatClient.GetResponseAsync([new(ChatRole.User, "book it")], confirmed.Apply(agent.CreateOptions()));
        await Task.Delay(50);
        Assert.Equal(0, runs);
        confirmed.Confirm();
        await second;
        Assert.Equal(1, runs);
        Assert.Equal([ToolCallStatus.Started, ToolCallStatus.Completed], _events.Select(e => e.Status));
    }

    /// <summary>A model that calls one tool, then says it is done.</summary>
    private sealed class CallsOneTool(string name) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => Task.FromResult(messages.Last().Role == ChatRole.Tool
                ? new ChatResponse(new ChatMessage(ChatRole.Assistant, "Done."))
                : new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-1", name)])));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
