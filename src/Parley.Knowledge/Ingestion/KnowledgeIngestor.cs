using Microsoft.Extensions.Logging;
using Parley.Knowledge.Chunking;
using Parley.Knowledge.Extraction;
using Parley.Knowledge.Files;
using Parley.Storage.Knowledge;

namespace Parley.Knowledge.Ingestion;

/// <summary>Ingests one knowledge: each pending file is read, chunked and indexed, or marked failed with the reason.</summary>
/// <remarks>Files are done one at a time, each committed on its own, so a stop or crash loses at most the file in hand.</remarks>
public sealed partial class KnowledgeIngestor(KnowledgeStore store, KnowledgeFileStore files, TextChunker chunker, ILogger<KnowledgeIngestor> logger)
{
    /// <summary>Processes every file of the knowledge still pending; a knowledge deleted meanwhile is left alone.</summary>
    public async Task IngestAsync(string knowledgeId, CancellationToken cancellationToken = default)
    {
        var pending = await store.ListPendingFilesAsync(knowledgeId, cancellationToken).ConfigureAwait(false);
        foreach (var file in pending)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (chunks, error) = Read(file, cancellationToken);
            var recorded = error is null
                ? await store.CompleteFileAsync(file, chunks, cancellationToken).ConfigureAwait(false)
                : await store.FailFileAsync(file, error, cancellationToken).ConfigureAwait(false);
            if (!recorded)
            {
                LogDeleted(logger, knowledgeId);
                return;
            }

            LogFile(logger, file.Name, knowledgeId, error is null ? KnowledgeFileStatus.Ready : KnowledgeFileStatus.Failed, chunks.Count);
        }
    }

    private (IReadOnlyList<KnowledgeChunk> Chunks, string? Error) Read(KnowledgeFileRecord file, CancellationToken cancellationToken)
    {
        if (KnowledgeFileTypes.FromMediaType(file.MediaType) is not { } type)
        {
            return ([], $"Unsupported media type '{file.MediaType}'.");
        }

        try
        {
            IReadOnlyList<ExtractedPage> pages;
            using (var stream = files.OpenRead(file.KnowledgeId, file.Id, type))
            {
                pages = TextExtraction.Extract(type, stream, cancellationToken);
            }

            var chunks = chunker.Chunk(pages);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge {KnowledgeId}: file '{FileName}' is {Status} ({Chunks} passages).")]
    private static partial void LogFile(ILogger logger, string fileName, string knowledgeId, string status, int chunks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge {KnowledgeId} was deleted during ingestion; stopped.")]
    private static partial void LogDeleted(ILogger logger, string knowledgeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading '{FileName}' of knowledge {KnowledgeId} failed unexpectedly.")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string fileName, string knowledgeId);
}
