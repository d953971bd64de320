using Microsoft.Extensions.AI;
using Parley.Agents.Embedded;
using Parley.Agents.ToolCalls;
using Parley.Agents.Tools;

namespace Parley.Agents;

/// <summary>
/// Builds <see cref="AgentPipeline"/>s: <c>new ChatClientBuilder(inner).UseFunctionInvocation().Build()</c> with the
/// <see cref="BuiltInTools"/>. Pass a <see cref="ToolCallObserver"/> to hear each tool call start, complete or fail;
/// it hooks <see cref="FunctionInvokingChatClient.FunctionInvoker"/>, so it sees every tool the pipeline runs.
/// </summary>
public static class AgentChatClientFactory
{
    /// <summary>Builds the offline agent around an <see cref="EmbeddedChatClient"/>; needs no network or model.</summary>
    public static AgentPipeline CreateEmbedded(TimeProvider? timeProvider = null, ToolCallObserver? onToolCall = null)
    {
        timeProvider ??= TimeProvider.System;
        return Create(new EmbeddedChatClient(timeProvider), timeProvider, onToolCall);
    }

    /// <summary>Builds an agent around any chat client, such as a language model's, with the built-in tools and observer.</summary>
    public static AgentPipeline Create(IChatClient innerClient, TimeProvider? timeProvider = null, ToolCallObserver? onToolCall = null)
    {
        timeProvider ??= TimeProvider.System;
        return Create(innerClient, new BuiltInTools(timeProvider).All, timeProvider, onToolCall);
    }

    /// <summary>Builds an agent around any chat client with the given tools (a session's toolbox).</summary>
    public static AgentPipeline Create(IChatClient innerClient, IReadOnlyList<AITool> tools, TimeProvider? timeProvider = null, ToolCallObserver? onToolCall = null)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        timeProvider ??= TimeProvider.System;
        var reporter = onToolCall is null ? null : new ToolCallReporter(onToolCall, timeProvider);
        var client = new ChatClientBuilder(innerClient)
            .UseFunctionInvocation(configure: invoking => invoking.FunctionInvoker = reporter is not null ? reporter.InvokeAsync : InvokeOnceConfirmedAsync)
            .Build();
        return new AgentPipeline(client, tools);
    }

    // Without a reporter, tools still wait for their reply's turn to be confirmed, unless free of side effects (see TurnConfirmation).
    private static async ValueTask<object?> InvokeOnceConfirmedAsync(FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        if (!TurnConfirmation.MayRunNow(context.Options, context.Function))
        {
            await TurnConfirmation.WaitAsync(context.Options, cancellationToken);
        }

        return await context.Function.InvokeAsync(context.Arguments, cancellationToken);
    }
}
