using Microsoft.Extensions.AI;
using Parley.Agents.Tools;

namespace Parley.Agents.ToolCalls;

/// <summary>
/// A <see cref="FunctionInvokingChatClient.FunctionInvoker"/> that runs each function and tells a
/// <see cref="ToolCallObserver"/> when it starts, completes or fails.
/// </summary>
internal sealed class ToolCallReporter(ToolCallObserver observer, TimeProvider timeProvider)
{
    /// <summary>Invokes <see cref="FunctionInvocationContext.Function"/>, reporting around it; failures are rethrown.</summary>
    public async ValueTask<object?> InvokeAsync(FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = observer;
        if (TurnConfirmation.Of(context.Options) is { IsConfirmed: false } confirmation && ToolEffects.IsFreeOfSideEffects(context.Function))
        {
            // Runs now, for a reply not yet confirmed: what it reports waits for the turn, and is dropped with the reply.
            report = (toolCall, _) =>
            {
                confirmation.Report(() => observer(toolCall, CancellationToken.None));
                return ValueTask.CompletedTask;
            };
        }
        else
        {
            await TurnConfirmation.WaitAsync(context.Options, cancellationToken);
        }

        var started = new ToolCallEvent(context.CallContent.CallId, context.Function.Name, ToolCallStatus.Started)
        {
            Arguments = new Dictionary<string, object?>(context.Arguments),
        };
        await report(started, cancellationToken);

        long startedAt = timeProvider.GetTimestamp();
        object? result;
        try
        {
            result = await context.Function.InvokeAsync(context.Arguments, cancellationToken);
        }
        catch (Exception ex)
        {
            // Report even a cancellation, so a client never shows a call that started and never ended;
            // the caller's token may already be cancelled, hence None.
            await report(started with
            {
                Status = ToolCallStatus.Failed,
                Error = ex,
                Duration = timeProvider.GetElapsedTime(startedAt),
            }, CancellationToken.None);
            throw;
        }

        await report(started with
        {
            Status = ToolCallStatus.Completed,
            Result = result,
            Duration = timeProvider.GetElapsedTime(startedAt),
        }, cancellationToken);
        return result;
    }
}
