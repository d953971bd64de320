using Microsoft.Extensions.Logging;
using Parley.Knowledge.Chunking;
using Parley.Knowledge.Extraction;
using Parley.Storage.Knowledge;

namespace Parley.Knowledge.Ingestion;

/// <summary>Ingests one knowledge: each pending file is read, chunked and indexed, or marked failed with the reason.</summary>
/// <remarks>
/// Files are done one at a time, each committed on its own, so a stop or crash loses at most the file in hand. Each
/// file has <see cref="KnowledgeOptions.MaxIngestionTime"/> from start to indexed passages, on the injected clock,
/// and <see cref="KnowledgeOptions.MaxIngestionAttempts"/> starts: a file that brought the server down (or was in hand
/// at every crash) is failed instead of read again at every start. A graceful stop gives its attempt back.
/// </remarks>
public sealed partial class KnowledgeIngestor(
    KnowledgeStore store,
    KnowledgeFileReader reader,
    TextChunker chunker,
    KnowledgeOptions options,
    TimeProvider timeProvider,
    ILogger<KnowledgeIngestor> logger,
    IEnumerable<IKnowledgeEvents>? events = null)
{
    private readonly IKnowledgeEvents[] _events = [.. events ?? []];

    /// <summary>Processes every file of the knowledge still pending; a knowledge deleted meanwhile is left alone.</summary>
    /// <param name="knowledgeId">The knowledge.</param>
    /// <param name="cancellationToken">Cancelled when the knowledge is deleted or the server stops: the file in hand stays pending.</param>
    public Task IngestAsync(string knowledgeId, CancellationToken cancellationToken = default) => IngestAsync(knowledgeId, null, cancellationToken);

    /// <summary>As <see cref="IngestAsync(string, CancellationToken)"/>, recording each file's outcome only while <paramref name="claim"/> on the knowledge is held.</summary>
    public async Task IngestAsync(string knowledgeId, string? claim, CancellationToken cancellationToken = default)
    {
        var pending = await store.ListPendingFilesAsync(knowledgeId, cancellationToken).ConfigureAwait(false);
        foreach (var file in pending)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = await IngestFileAsync(file, claim, cancellationToken).ConfigureAwait(false);
            if (outcome is null)
            {
                LogDeleted(logger, knowledgeId);
                return;
            }

            LogFile(logger, file.Name, knowledgeId, outcome.Value.Error is null ? KnowledgeFileStatus.Ready : KnowledgeFileStatus.Failed, outcome.Value.Chunks);
        }

        if (pending.Count > 0)
        {
            await ReportCompletedAsync(knowledgeId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Tells the listeners, once no file of a knowledge of the knowledge API is left pending (an uploaded file's index is not one).</summary>
    private async Task ReportCompletedAsync(string knowledgeId, CancellationToken cancellationToken)
    {
        if (_events.Length == 0
            || await store.FindByIdAsync(knowledgeId, cancellationToken).ConfigureAwait(false) is not { FileId: null } knowledge
            || (await store.ListPendingFilesAsync(knowledgeId, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return;
        }

        foreach (var listener in _events)
        {
            await listener.OnProcessingCompletedAsync(knowledge, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One file to its outcome (passages or error), recorded; null when the file or its knowledge is gone.</summary>
    private async Task<(int Chunks, string? Error)?> IngestFileAsync(KnowledgeFileRecord file, string? claim, CancellationToken cancellationToken)
    {
        // The clock starts before the attempt is counted, so whoever sees the count knows the clock runs.
        using var deadline = new CancellationTokenSource(options.MaxIngestionTime, timeProvider);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        string? error;
        try
        {
            var attempt = await store.StartFileAsync(file, claim, work.Token).ConfigureAwait(false);
            if (attempt is null)
            {
                return null;
            }

            if (attempt > options.MaxIngestionAttempts)
            {
                error = $"Reading this file was interrupted {attempt - 1} times (a crash each time), so it is not tried again.";
            }
            else
            {
                var (chunks, readError) = await ReadAsync(file, work.Token).ConfigureAwait(false);
                error = readError;
                if (error is null)
                {
                    return await store.CompleteFileAsync(file, chunks, claim, work.Token).ConfigureAwait(false) ? (chunks.Count, null) : null;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            error = $"Ingesting this file took longer than {Describe(options.MaxIngestionTime)} (the limit is Parley:Knowledge:MaxIngestionTime).";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await GiveAttemptBackAsync(file).ConfigureAwait(false);
            throw;
        }

        return await store.FailFileAsync(file, error, claim, cancellationToken).ConfigureAwait(false) ? (0, error) : null;
    }

    private async Task<(IReadOnlyList<KnowledgeChunk> Chunks, string? Error)> ReadAsync(KnowledgeFileRecord file, CancellationToken cancellationToken)
    {
        if (KnowledgeFileTypes.FromMediaType(file.MediaType) is not { } type)
        {
            return ([], $"Unsupported media type '{file.MediaType}'.");
        }

        try
        {
            var pages = await reader.ReadAsync(file, type, cancellationToken).ConfigureAwait(false);
            var chunks = chunker.Chunk(pages, cancellationToken);
            return chunks.Count > 0
                ? (chunks, null)
                : ([], type == KnowledgeFileType.Pdf ? "The PDF has no text layer (a scanned document?)." : "The file holds no text.");
        }
        catch (ExtractionException ex)
        {
            return ([], ex.Message);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return ([], "The uploaded file is missing from the data folder.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnexpected(logger, ex, file.Name, file.KnowledgeId);
            return ([], "The file could not be processed.");
        }
    }

    /// <summary>A stop or a deletion is no fault of the file: its attempt does not count (a crash never gets here, and does).</summary>
    private async Task GiveAttemptBackAsync(KnowledgeFileRecord file)
    {
        try
        {
            await store.GiveAttemptBackAsync(file, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogGiveBackFailed(logger, ex, file.Name, file.KnowledgeId);
        }
    }

    private static string Describe(TimeSpan time) => time.TotalMinutes >= 1 && time.Seconds == 0 && time.Milliseconds == 0
        ? Plural(time.TotalMinutes, "minute")
        : Plural(time.TotalSeconds, "second");

    private static string Plural(double count, string unit) => FormattableString.Invariant($"{count:0.###} {unit}{(count == 1 ? string.Empty : "s")}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge {KnowledgeId}: file '{FileName}' is {Status} ({Chunks} passages).")]
    private static partial void LogFile(ILogger logger, string fileName, string knowledgeId, string status, int chunks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge {KnowledgeId} was deleted during ingestion; stopped.")]
    private static partial void LogDeleted(ILogger logger, string knowledgeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading '{FileName}' of knowledge {KnowledgeId} failed unexpectedly.")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string fileName, string knowledgeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back the attempt at '{FileName}' of knowledge {KnowledgeId} after a stop; it counts as one.")]
    private static partial void LogGiveBackFailed(ILogger logger, Exception exception, string fileName, string knowledgeId);
}
