using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Storage.Orchestration;

namespace Parley.Sessions.Orchestration;

/// <summary>The owner of background tasks: a bounded pool of workers that claim queued tasks and run them to an outcome.</summary>
/// <remarks>
/// <para>
/// <see cref="OrchestratorOptions.MaxConcurrentTasks"/> workers each claim the oldest queued task (claims are taken one at
/// a time on this node), run it through <see cref="TaskRunner"/> within <see cref="OrchestratorOptions.MaxTaskDuration"/>,
/// record the outcome and tell the conversation's live sessions. The queue is the database, bounded at admission
/// (per teamspace and for the server); an idle worker waits for the bell or the poll interval.
/// </para>
/// <para>
/// Never is a task left <c>running</c>: when the server stops, each run is cancelled and its task queued again; at start,
/// tasks a crash left running are queued again, or failed once they have been started <see cref="OrchestratorOptions.MaxAttempts"/>
/// times. Every loop started here is awaited before <see cref="ExecuteAsync"/> returns.
/// </para>
/// </remarks>
public sealed partial class OrchestratorTaskWorker(
    TaskOrchestrator orchestrator,
    TaskRunner runner,
    TaskWorkBoard board,
    OrchestratorOptions options,
    TimeProvider time,
    ILogger<OrchestratorTaskWorker> logger) : BackgroundService
{
    private readonly SemaphoreSlim _claiming = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Out of StartAsync: the host need not wait for the database before it starts listening.
        await Task.Yield();
        await RecoverAsync(stoppingToken).ConfigureAwait(false);
        var loops = Enumerable.Range(0, options.MaxConcurrentTasks).Select(_ => WorkAsync(stoppingToken)).ToList();
        loops.Add(PurgeAsync(stoppingToken));
        loops.Add(orchestrator.WriteHeardAsync(stoppingToken));
        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        try
        {
            var (requeued, failed) = await orchestrator.Store.RecoverAsync(options.MaxAttempts, stoppingToken).ConfigureAwait(false);
            if (requeued + failed > 0)
            {
                LogRecovered(logger, requeued, failed);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRecoveryFailed(logger, ex);
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            OrchestratorTaskRecord? task;
            try
            {
                task = await ClaimAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogClaimFailed(logger, ex);
                task = null;
            }

            if (task is null)
            {
                try
                {
                    await board.WaitAsync(options.PollInterval, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            await RunAsync(task, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task<OrchestratorTaskRecord?> ClaimAsync(CancellationToken stoppingToken)
    {
        await _claiming.WaitAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            return await orchestrator.Store.ClaimNextAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            _claiming.Release();
        }
    }

    private async Task RunAsync(OrchestratorTaskRecord task, CancellationToken stoppingToken)
    {
        using var run = board.Start(task.Id);
        using var deadline = new CancellationTokenSource(options.MaxTaskDuration, time);
        using var any = CancellationTokenSource.CreateLinkedTokenSource(run.Cancelled, deadline.Token, stoppingToken);
        LogStarted(logger, task.Id, task.Attempts);
        TaskOutcome outcome;
        try
        {
            outcome = await runner.RunAsync(task, any.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await SettleAsync(() => orchestrator.Store.RequeueAsync(task.Id, CancellationToken.None), task.Id).ConfigureAwait(false);
            LogRequeued(logger, task.Id);
            return;
        }
        catch (OperationCanceledException) when (run.Cancelled.IsCancellationRequested)
        {
            return; // Cancelled through the API or by voice: the row says so already.
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            outcome = TaskOutcome.Failed($"The task did not finish within {options.MaxTaskDuration.TotalMinutes:0.#} minutes.");
        }
        catch (Exception ex)
        {
            LogRunFailed(logger, ex, task.Id);
            outcome = TaskOutcome.Failed("The task could not be run.");
        }

        OrchestratorTaskRecord? finished = null;
        await SettleAsync(
            async () => finished = outcome.Error is { } error
                ? await orchestrator.Store.FailAsync(task.Id, error, CancellationToken.None).ConfigureAwait(false)
                : await orchestrator.Store.CompleteAsync(task.Id, outcome.Result!, CancellationToken.None).ConfigureAwait(false),
            task.Id).ConfigureAwait(false);

        // Null: cancelled as it finished, so the cancellation stands and there is nothing to tell.
        if (finished is not null)
        {
            LogFinished(logger, task.Id, finished.Status);
            orchestrator.Notifications.Publish(finished);
        }
    }

    // An outcome not written stays `running` in storage and is recovered at the next start: logged, not thrown.
    private async Task SettleAsync(Func<Task> write, string taskId)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogOutcomeNotStored(logger, ex, taskId);
        }
    }

    private async Task PurgeAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                var purged = await orchestrator.Store.PurgeExpiredAsync(stoppingToken).ConfigureAwait(false);
                if (purged > 0)
                {
                    LogPurged(logger, purged);
                }

                await Task.Delay(options.PurgeInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPurgeFailed(logger, ex);
                if (!await TaskWorkBoard.SleepAsync(options.PurgeInterval, time, stoppingToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tasks left running by the last stop: {Requeued} queued again, {Failed} failed after too many starts.")]
    private static partial void LogRecovered(ILogger logger, int requeued, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not recover the tasks left running by the last stop; they are recovered at the next start.")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not claim a queued task; trying again after the poll interval.")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} running (start {Attempt}).")]
    private static partial void LogStarted(ILogger logger, string taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} put back in the queue: the server is stopping.")]
    private static partial void LogRequeued(ILogger logger, string taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Task {TaskId} could not be run.")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} {Status}.")]
    private static partial void LogFinished(ILogger logger, string taskId, string status);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outcome of task {TaskId} could not be stored; it is recovered at the next start.")]
    private static partial void LogOutcomeNotStored(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} expired tasks deleted.")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not delete expired tasks; trying again later.")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
