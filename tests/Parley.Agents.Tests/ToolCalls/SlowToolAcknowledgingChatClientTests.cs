using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Parley.Agents.ToolCalls;

namespace Parley.Agents.Tests.ToolCalls;

/// <summary>No dead air: a tool that keeps the caller waiting past the threshold gets one short acknowledgement, on a fake clock.</summary>
public sealed class SlowToolAcknowledgingChatClientTests
{
    private const string Acknowledgement = "One moment, checking that.";
    private static readonly TimeSpan After = TimeSpan.FromMilliseconds(1500);

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_tool_slower_than_the_threshold_gets_one_acknowledgement_before_its_result()
    {
        var inner = new GatedToolClient(tools: 2);
        await using var updates = Wrap(inner).GetStreamingResponseAsync([]).GetAsyncEnumerator();

        Assert.True(await updates.MoveNextAsync());
        Assert.IsType<FunctionCallContent>(Assert.Single(updates.Current.Contents));

        var next = updates.MoveNextAsync();
        _time.Advance(After - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await next);
        Assert.Equal(Acknowledgement + " ", updates.Current.Text);

        // The second slow tool of the same reply gets none: once per reply is enough.
        var rest = await ReleaseAndReadAsync(inner, updates, afterEach: After * 2);
        Assert.Equal(["result", "call", "result", "Done."], rest);
    }

    [Fact]
    public async Task A_tool_within_the_threshold_gets_none()
    {
        var inner = new GatedToolClient(tools: 1);
        await using var updates = Wrap(inner).GetStreamingResponseAsync([]).GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());

        var rest = await ReleaseAndReadAsync(inner, updates, afterEach: After - TimeSpan.FromMilliseconds(100));

        Assert.Equal(["result", "Done."], rest);
    }

    [Fact]
    public async Task A_slow_model_without_a_tool_call_gets_none()
    {
        var inner = new GatedToolClient(tools: 0);
        await using var updates = Wrap(inner).GetStreamingResponseAsync([]).GetAsyncEnumerator();

        var next = updates.MoveNextAsync();
        _time.Advance(After * 4);
        Assert.False(next.IsCompleted);
        inner.Release();
        Assert.True(await next);
        Assert.Equal("Done.", updates.Current.Text);
    }

    [Fact]
    public async Task A_caller_that_cancels_while_a_tool_waits_hears_nothing_more()
    {
        var inner = new GatedToolClient(tools: 1);
        using var cancellation = new CancellationTokenSource();
        await using var updates = Wrap(inner).GetStreamingResponseAsync([], cancellationToken: cancellation.Token).GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());

        var next = updates.MoveNextAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
    }

    private SlowToolAcknowledgingChatClient Wrap(IChatClient inner) => new(inner, Acknowledgement, After, _time);

    // Releases the inner client step by step, moving the clock by `afterEach` while each step waits; returns what came out.
    private async Task<List<string>> ReleaseAndReadAsync(GatedToolClient inner, IAsyncEnumerator<ChatResponseUpdate> updates, TimeSpan afterEach)
    {
        var seen = new List<string>();
        while (true)
        {
            var next = updates.MoveNextAsync();
            _time.Advance(afterEach);
            inner.Release();
            if (!await next)
            {
                return seen;
            }

            seen.Add(updates.Current.Contents.Single() switch
            {
                FunctionCallContent => "call",
                FunctionResultContent => "result",
                var content => ((TextContent)content).Text,
            });
        }
    }

    /// <summary>A stream that makes <c>tools</c> calls, each result held until released, then says "Done." (also held).</summary>
    private sealed class GatedToolClient(int tools) : IChatClient
    {
        private readonly SemaphoreSlim _gate = new(0);

        public void Release() => _gate.Release();

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < tools; i++)
            {
                if (i > 0)
                {
                    await _gate.WaitAsync(cancellationToken);
                }

                yield return new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent($"call{i}", "lookup")]);
                await _gate.WaitAsync(cancellationToken);
                yield return new ChatResponseUpdate(ChatRole.Tool, [new FunctionResultContent($"call{i}", "found")]);
            }

            await _gate.WaitAsync(cancellationToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, "Done.");
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() => _gate.Dispose();
    }
}
