using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Storage.Knowledge;

namespace Parley.Knowledge.Ingestion;

/// <summary>Runs ingestion in the background: queued knowledge, and on start-up whatever a crash or stop left pending.</summary>
/// <remarks>
/// <see cref="KnowledgeOptions.MaxConcurrentIngestions"/> knowledge are ingested side by side, never one knowledge
/// twice at once (the queue sees to that). Each run is cancelled by the queue when its knowledge is deleted, and by
/// the host when it stops. Every task started here is awaited before <see cref="ExecuteAsync"/> returns.
/// </remarks>
internal sealed partial class KnowledgeIngestionWorker(
    KnowledgeIngestionQueue queue,
    KnowledgeIngestor ingestor,
    KnowledgeStore store,
    KnowledgeOptions options,
    ILogger<KnowledgeIngestionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Out of StartAsync: the host need not wait for the database before it starts listening.
        await Task.Yield();
        await ResumeUnfinishedAsync(stoppingToken).ConfigureAwait(false);
        var workers = Enumerable.Range(0, Math.Max(1, options.MaxConcurrentIngestions)).Select(_ => RunAsync(stoppingToken)).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private async Task ResumeUnfinishedAsync(CancellationToken stoppingToken)
    {
        try
        {
            var unfinished = await store.ListUnfinishedAsync(stoppingToken).ConfigureAwait(false);
            foreach (var id in unfinished)
            {
                queue.Enqueue(id);
            }

            if (unfinished.Count > 0)
            {
                LogResuming(logger, unfinished.Count);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogResumeFailed(logger, ex);
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                using var lease = await queue.TakeAsync(stoppingToken).ConfigureAwait(false);
                await IngestAsync(lease.KnowledgeId, lease.Cancelled, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: pending files stay pending and are resumed at the next start.
        }
    }

    private async Task IngestAsync(string id, CancellationToken deleted, CancellationToken stoppingToken)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(deleted, stoppingToken);
        try
        {
            await ingestor.IngestAsync(id, both.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deleted.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            LogCancelled(logger, id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The files stay pending; the next start tries them again.
            LogIngestionFailed(logger, ex, id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming the ingestion of {Count} knowledge left pending.")]
    private static partial void LogResuming(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not look for knowledge left pending; it will be resumed at the next start.")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge {KnowledgeId} was deleted during its ingestion; the work on it stopped.")]
    private static partial void LogCancelled(ILogger logger, string knowledgeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingesting knowledge {KnowledgeId} failed; its pending files are retried at the next start.")]
    private static partial void LogIngestionFailed(ILogger logger, Exception exception, string knowledgeId);
}
