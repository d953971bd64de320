using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Storage.Knowledge;

namespace Parley.Knowledge.Ingestion;

/// <summary>Runs ingestion in the background: knowledge queued on this node, and what any node left pending or uploaded elsewhere.</summary>
/// <remarks>
/// <para>
/// <see cref="KnowledgeOptions.MaxConcurrentIngestions"/> knowledge are ingested side by side, never one knowledge
/// twice at once: the queue sees to that on this node, and a claim in the database across nodes. A node works on a
/// knowledge only while it holds its claim (<see cref="KnowledgeStore.TryClaimIngestionAsync"/>), renewed every third
/// of <see cref="KnowledgeOptions.IngestionLease"/>; when the renewal finds the claim gone (the knowledge deleted on
/// another node, or the claim lapsed and taken over), the run stops. A node that dies stops renewing: once its lease
/// lapses, the next look of another node (every <see cref="KnowledgeOptions.IngestionPollInterval"/>) takes the work over.
/// </para>
/// <para>
/// Each run is cancelled by the queue when its knowledge is deleted, and by the host when it stops; a stop lets go of
/// the claim, so another node takes over at once. Every task started here is awaited before <see cref="ExecuteAsync"/> returns.
/// </para>
/// </remarks>
internal sealed partial class KnowledgeIngestionWorker(
    KnowledgeIngestionQueue queue,
    KnowledgeIngestor ingestor,
    KnowledgeStore store,
    KnowledgeOptions options,
    ILogger<KnowledgeIngestionWorker> logger,
    TimeProvider? timeProvider = null) : BackgroundService
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Out of StartAsync: the host need not wait for the database before it starts listening.
        await Task.Yield();
        var workers = Enumerable.Range(0, Math.Max(1, options.MaxConcurrentIngestions)).Select(_ => RunAsync(stoppingToken)).ToList();
        workers.Add(LookForWorkAsync(stoppingToken));
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    /// <summary>Queues, now and then every poll interval, the knowledge that wait with no node working on them.</summary>
    private async Task LookForWorkAsync(CancellationToken stoppingToken)
    {
        var first = true;
        try
        {
            while (true)
            {
                await QueueClaimableAsync(first, stoppingToken).ConfigureAwait(false);
                first = false;
                await Task.Delay(options.IngestionPollInterval, _time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task QueueClaimableAsync(bool atStart, CancellationToken stoppingToken)
    {
        try
        {
            var claimable = await store.ListClaimableAsync(stoppingToken).ConfigureAwait(false);
            foreach (var id in claimable.Where(id => !queue.IsRunning(id)))
            {
                queue.Enqueue(id);
            }

            if (atStart && claimable.Count > 0)
            {
                LogResuming(logger, claimable.Count);
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
                await IngestClaimedAsync(lease.KnowledgeId, lease.Cancelled, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: pending files stay pending, for another node or the next start.
        }
    }

    private async Task IngestClaimedAsync(string id, CancellationToken deleted, CancellationToken stoppingToken)
    {
        string? claim;
        try
        {
            claim = await store.TryClaimIngestionAsync(id, options.NodeName, options.IngestionLease, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogIngestionFailed(logger, ex, id);
            return;
        }

        if (claim is null)
        {
            return; // another node works on it, or nothing is left to do
        }

        using var lost = new CancellationTokenSource();
        using var beating = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(id, claim, lost, beating.Token);
        try
        {
            await IngestAsync(id, claim, deleted, lost.Token, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await beating.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
            await ReleaseAsync(id, claim).ConfigureAwait(false);
        }
    }

    /// <summary>Renews the claim while the run goes on; cancels <paramref name="lost"/> when the claim is no longer this node's.</summary>
    private async Task HeartbeatAsync(string id, string claim, CancellationTokenSource lost, CancellationToken beating)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.IngestionLease / 3, _time, beating).ConfigureAwait(false);
                bool held;
                try
                {
                    held = await store.RenewIngestionClaimAsync(id, claim, options.IngestionLease, beating).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database is away for a moment: try again at the next beat. Should the lease lapse meanwhile,
                    // the claim fences what this run records.
                    LogRenewFailed(logger, ex, id);
                    continue;
                }

                if (!held)
                {
                    LogClaimLost(logger, id);
                    await lost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (beating.IsCancellationRequested)
        {
        }
    }

    private async Task ReleaseAsync(string id, string claim)
    {
        try
        {
            await store.ReleaseIngestionClaimAsync(id, claim, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The claim lapses with its lease.
            LogRenewFailed(logger, ex, id);
        }
    }

    private async Task IngestAsync(string id, string claim, CancellationToken deleted, CancellationToken lost, CancellationToken stoppingToken)
    {
        using var all = CancellationTokenSource.CreateLinkedTokenSource(deleted, lost, stoppingToken);
        try
        {
            await ingestor.IngestAsync(id, claim, all.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deleted.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            LogCancelled(logger, id);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            // Deleted on another node, or taken over after a lapse: the other side goes on, or there is nothing left.
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The files stay pending; the next look (here or on another node) tries them again.
            LogIngestionFailed(logger, ex, id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming the ingestion of {Count} knowledge left pending.")]
    private static partial void LogResuming(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not look for knowledge left pending; looking again at the next interval.")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge {KnowledgeId} was deleted during its ingestion; the work on it stopped.")]
    private static partial void LogCancelled(ILogger logger, string knowledgeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingesting knowledge {KnowledgeId} failed; its pending files are tried again later.")]
    private static partial void LogIngestionFailed(ILogger logger, Exception exception, string knowledgeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew or release the claim on knowledge {KnowledgeId}; it lapses with its lease.")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string knowledgeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The claim on knowledge {KnowledgeId} is no longer this node's (deleted, or taken over); its run stops.")]
    private static partial void LogClaimLost(ILogger logger, string knowledgeId);
}
