using Parley.Sessions;
using Parley.Sessions.Recording;
using Parley.Storage.Files;

namespace Parley.Server.Files;

/// <summary>
/// Deletes, in the background, what is due: uploads whose expiry has come, recordings past their retention, files a
/// crash left half-written, and bytes whose file is gone. Runs at start and every <see cref="FilesOptions.SweepInterval"/>.
/// </summary>
/// <remarks>
/// A whole-call recording a crash cut short is kept (its bytes are a valid WAV of what was said up to the crash, since
/// the header is made when it is read); an unfinished clip or upload is deleted. What is "unfinished" is judged long
/// after any session could still be writing it (<see cref="VoiceSessionOptions.MaxSessionDuration"/> and a margin).
/// </remarks>
internal sealed partial class FileSweeper(
    FileStore store,
    IFileContentStore content,
    FileService files,
    FilesOptions options,
    RecordingOptions recordings,
    VoiceSessionOptions sessions,
    TimeProvider timeProvider,
    ILogger<FileSweeper> logger) : BackgroundService
{
    private const int Batch = 200;
    private static readonly TimeSpan UnfinishedMargin = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan OrphanAge = TimeSpan.FromHours(1);

    // Looking for bytes without a file reads the whole folder, so it is done at most this often.
    private static readonly TimeSpan OrphanScanInterval = TimeSpan.FromHours(1);
    private DateTimeOffset? _lastOrphanScan;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Out of StartAsync: the host need not wait for the database before it starts listening.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.SweepInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One sweep: everything due now is deleted; returns how many files went.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var deleted = await DeleteAllAsync(limit => store.ListExpiredAsync(now, limit, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (recordings.Retention > TimeSpan.Zero)
        {
            deleted += await DeleteAllAsync(limit => store.ListRecordingsBeforeAsync(now - recordings.Retention, limit, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
        }

        await FinishUnfinishedAsync(now - sessions.MaxSessionDuration - UnfinishedMargin, cancellationToken).ConfigureAwait(false);
        if (_lastOrphanScan is null || now - _lastOrphanScan >= OrphanScanInterval)
        {
            _lastOrphanScan = now;
            await DeleteOrphanBytesAsync(now - OrphanAge, cancellationToken).ConfigureAwait(false);
        }
        if (deleted > 0)
        {
            LogSwept(logger, deleted);
        }

        return deleted;
    }

    private async Task<int> DeleteAllAsync(Func<int, Task<IReadOnlyList<FileRecord>>> list, CancellationToken cancellationToken)
    {
        var deleted = 0;
        while (true)
        {
            var due = await list(Batch).ConfigureAwait(false);
            foreach (var file in due)
            {
                deleted += await files.DeleteByIdAsync(file.Id, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            if (due.Count < Batch)
            {
                return deleted;
            }
        }
    }

    private async Task FinishUnfinishedAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stale = await store.ListStaleWritesAsync(before, Batch, cancellationToken).ConfigureAwait(false);
            foreach (var file in stale)
            {
                if (file.Kind == FileKinds.CallRecording)
                {
                    var stored = await content.LengthAsync(file.Id, cancellationToken).ConfigureAwait(false);
                    await store.CompleteAsync(file.Id, WavHeader.Length + stored, cancellationToken).ConfigureAwait(false);
                    LogRecovered(logger, file.Id, stored);
                }
                else
                {
                    await files.DeleteByIdAsync(file.Id, cancellationToken).ConfigureAwait(false);
                }
            }

            if (stale.Count < Batch)
            {
                return;
            }
        }
    }

    private async Task DeleteOrphanBytesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var candidates = new List<string>(Batch);
        await foreach (var id in content.ListOrphanCandidatesAsync(before, cancellationToken).ConfigureAwait(false))
        {
            candidates.Add(id);
            if (candidates.Count == Batch)
            {
                await DeleteRowlessAsync(candidates, cancellationToken).ConfigureAwait(false);
                candidates.Clear();
            }
        }

        await DeleteRowlessAsync(candidates, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteRowlessAsync(List<string> candidates, CancellationToken cancellationToken)
    {
        var rows = await store.FindRowsAsync(candidates, cancellationToken).ConfigureAwait(false);
        foreach (var id in candidates.Where(id => !rows.Contains(id)))
        {
            await content.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} files that were due (expired uploads, recordings past their retention).")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kept the recording {FileId} a crash cut short: {Bytes} bytes of audio.")]
    private static partial void LogRecovered(ILogger logger, string fileId, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweeping files failed; it is tried again at the next interval.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
