using Parley.Knowledge;
using Parley.Storage;
using Parley.Storage.Files;

namespace Parley.Server.Files;

/// <summary>Uploads, reads and deletes files: the row, the bytes and (for text, Markdown and PDF) the index an agent searches, together.</summary>
/// <remarks>
/// A row is written first (<c>writing</c>), then the bytes as they stream in, then the index, and only then is the file
/// <c>ready</c> and served; a failure on the way removes what was made. Deleting removes the row first (the file is
/// gone from then on), then its bytes and its index; bytes left by a failure there are found by the sweeper.
/// </remarks>
internal sealed partial class FileService(
    FileStore store, IFileContentStore content, KnowledgeService knowledge, TimeProvider timeProvider, ILogger<FileService> logger)
{
    private const int MaxFileNameChars = 255;

    /// <summary>Stores an upload of the teamspace; <paramref name="expiresAfter"/> schedules its deletion.</summary>
    public async Task<FileRecord> UploadAsync(
        string teamspaceId, string fileName, string mediaType, Func<Stream> open, TimeSpan? expiresAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        var name = KnowledgeService.DisplayName(fileName);
        if (name.Length > MaxFileNameChars)
        {
            name = name[..MaxFileNameChars];
        }

        var file = await store.CreateAsync(new FileRecord
        {
            Id = Ids.New(),
            TeamspaceId = teamspaceId,
            Kind = FileKinds.Upload,
            Filename = name,
            MediaType = mediaType,
            CreatedAt = timeProvider.StorageNow(),
            ExpiresAt = expiresAfter is { } after ? timeProvider.StorageNow() + after : null,
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            long size;
            await using (var writer = await content.CreateAsync(file.Id, cancellationToken).ConfigureAwait(false))
            {
                await using var source = open();
                var buffer = new byte[64 * 1024];
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                size = await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await knowledge.CreateForFileAsync(teamspaceId, file.Id, new KnowledgeUpload(name, mediaType, open), cancellationToken).ConfigureAwait(false);
            return await store.CompleteAsync(file.Id, size, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"File {file.Id} vanished while it was uploaded.");
        }
        catch
        {
            await RemoveAsync(file.Id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A ready file of the teamspace with its content (a recording behind its WAV header), or null.</summary>
    public async Task<FileContent?> OpenAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        if (await store.FindAsync(teamspaceId, id, cancellationToken).ConfigureAwait(false) is not { } file)
        {
            return null;
        }

        var stored = await content.LengthAsync(file.Id, cancellationToken).ConfigureAwait(false);
        var stream = await content.OpenReadAsync(file.Id, cancellationToken).ConfigureAwait(false) ?? Stream.Null;
        var header = file is { IsPcm: true } ? WavHeader.For(file.PcmSampleRate!.Value, file.PcmChannels!.Value, stored) : [];
        return new FileContent(file, header, stream, header.Length + stored);
    }

    /// <summary>Deletes a file of the teamspace, its bytes and its index; false when there is none.</summary>
    public async Task<bool> DeleteAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        if (await store.DeleteAsync(teamspaceId, id, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await RemoveAsync(id, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Deletes a file of any teamspace (the sweeper's: expired, past retention, left unfinished); false when it was gone.</summary>
    public async Task<bool> DeleteByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        if (await store.DeleteByIdAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await RemoveAsync(id, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Removes the row (if left), the bytes and the index of a file; failures are logged, and the sweeper finds stray bytes later.</summary>
    private async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteByIdAsync(id, cancellationToken).ConfigureAwait(false);
            await content.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
            await knowledge.DeleteForFileAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRemoveFailed(logger, ex, id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove everything of file {FileId}; the sweeper will find what is left.")]
    private static partial void LogRemoveFailed(ILogger logger, Exception exception, string fileId);
}
