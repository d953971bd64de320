using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Storage.Knowledge;

namespace Parley.Knowledge.Ingestion;

/// <summary>Runs ingestion in the background: queued knowledge, and on start-up whatever a crash or stop left pending.</summary>
/// <remarks>
/// Several knowledge are ingested side by side, but never one knowledge twice at once: an id queued again while it
/// runs is run once more after (it then finds any files that became pending meanwhile, or nothing to do).
/// Every task started here is awaited before <see cref="ExecuteAsync"/> returns.
/// </remarks>
internal sealed partial class KnowledgeIngestionWorker(
    KnowledgeIngestionQueue queue,
    KnowledgeIngestor ingestor,
    KnowledgeStore store,
    KnowledgeOptions options,
    ILogger<KnowledgeIngestionWorker> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly HashSet<string> _again = new(StringComparer.Ordinal);

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
            await foreach (var id in queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!TryClaim(id))
                {
                    continue;
                }

                do
                {
                    await IngestAsync(id, stoppingToken).ConfigureAwait(false);
                }
                while (!Release(id));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: pending files stay pending and are resumed at the next start.
        }
    }

    private async Task IngestAsync(string id, CancellationToken stoppingToken)
    {
        try
        {
            await ingestor.IngestAsync(id, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The files stay pending; the next start tries them again.
            LogIngestionFailed(logger, ex, id);
        }
    }

    /// <summary>True when this worker may run the knowledge; otherwise the one running it will run it again.</summary>
    private bool TryClaim(string id)
    {
        lock (_gate)
        {
            if (_running.Add(id))
            {
                return true;
            }

            _again.Add(id);
            return false;
        }
    }

    /// <summary>True when the knowledge is released; false when it was queued again meanwhile and must run once more.</summary>
    private bool Release(string id)
    {
        lock (_gate)
        {
            if (_again.Remove(id))
            {
                return false;
            }

            _running.Remove(id);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming the ingestion of {Count} knowledge left pending.")]
    private static partial void LogResuming(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not look for knowledge left pending; it will be resumed at the next start.")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingesting knowledge {KnowledgeId} failed; its pending files are retried at the next start.")]
    private static partial void LogIngestionFailed(ILogger logger, Exception exception, string knowledgeId);
}
