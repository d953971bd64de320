using Parley.Knowledge.Extraction;
using Parley.Knowledge.Files;
using Parley.Knowledge.Ingestion;
using Parley.Storage;
using Parley.Storage.Knowledge;

namespace Parley.Knowledge;

/// <summary>Creates and deletes knowledge: the saved files and the stored rows together, with ingestion queued after.</summary>
public sealed class KnowledgeService(KnowledgeStore store, IKnowledgeFileStore files, KnowledgeIngestionQueue queue)
{
    private const int MaxFileNameChars = 255;

    /// <summary>Saves the uploads, records a <c>pending</c> knowledge and queues its ingestion; returns before any is read.</summary>
    /// <exception cref="ArgumentException">No upload, or one of an unsupported type (callers check with <see cref="KnowledgeFileTypes.Detect"/> first).</exception>
    public Task<KnowledgeRecord> CreateAsync(string teamspaceId, string name, IReadOnlyList<KnowledgeUpload> uploads, CancellationToken cancellationToken = default)
        => CreateAsync(teamspaceId, name, uploads, fileId: null, cancellationToken);

    /// <summary>
    /// Indexes an uploaded file (the Files API) as knowledge of its own, so a session given the file's id can search it
    /// as it searches knowledge; the knowledge API never shows it. Returns null for a file of a type that holds no text to index.
    /// </summary>
    public async Task<KnowledgeRecord?> CreateForFileAsync(string teamspaceId, string fileId, KnowledgeUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return KnowledgeFileTypes.Detect(upload.FileName, upload.ContentType) is null
            ? null
            : await CreateAsync(teamspaceId, DisplayName(upload.FileName), [upload], fileId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the knowledge indexing an uploaded file, stopping its ingestion; false when the file had none.</summary>
    public async Task<bool> DeleteForFileAsync(string fileId, CancellationToken cancellationToken = default)
    {
        if (await store.FindByFileAsync(fileId, cancellationToken).ConfigureAwait(false) is not { } knowledge)
        {
            return false;
        }

        // As DeleteAsync: the work stops first, and comes back if the delete fails.
        queue.Cancel(knowledge.Id);
        bool deleted;
        try
        {
            deleted = await store.DeleteAsync(knowledge.TeamspaceId, knowledge.Id, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            queue.Enqueue(knowledge.Id);
            throw;
        }

        if (deleted)
        {
            await files.DeleteAsync(knowledge.Id, CancellationToken.None).ConfigureAwait(false);
        }

        return deleted;
    }

    private async Task<KnowledgeRecord> CreateAsync(
        string teamspaceId, string name, IReadOnlyList<KnowledgeUpload> uploads, string? fileId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        // A knowledge without files would never leave 'pending': nothing would ever be ingested.
        ArgumentOutOfRangeException.ThrowIfZero(uploads.Count);
        var typed = uploads
            .Select(u => (Upload: u, Type: KnowledgeFileTypes.Detect(u.FileName, u.ContentType)
                ?? throw new ArgumentException($"'{u.FileName}' is not a supported file type.", nameof(uploads))))
            .ToList();
        var id = Ids.New();
        KnowledgeRecord knowledge;
        try
        {
            var saved = new List<NewKnowledgeFile>(typed.Count);
            foreach (var (upload, type) in typed)
            {
                var savedId = Ids.New();
                long size;
                await using (var content = upload.OpenReadStream())
                {
                    size = await files.SaveAsync(id, savedId, type, content, cancellationToken).ConfigureAwait(false);
                }

                saved.Add(new NewKnowledgeFile(savedId, DisplayName(upload.FileName), KnowledgeFileTypes.MediaType(type), size));
            }

            knowledge = await store.CreateAsync(teamspaceId, id, name, saved, fileId, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Nothing was recorded (or the record failed): the saved bytes belong to no knowledge.
            await files.DeleteAsync(id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        queue.Enqueue(id);
        return knowledge;
    }

    /// <summary>Deletes a knowledge of this teamspace with its passages and files, stopping its ingestion; false when there is none.</summary>
    public async Task<bool> DeleteAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        if (await store.FindAsync(teamspaceId, id, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        // The work stops first: a run inserting its passages holds SQLite's write lock, and would otherwise finish
        // indexing a large file before the delete could start. A run cancelled now records nothing.
        queue.Cancel(id);
        bool deleted;
        try
        {
            deleted = await store.DeleteAsync(teamspaceId, id, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Still there: its files must not wait for the next start to be ingested.
            queue.Enqueue(id);
            throw;
        }

        if (deleted)
        {
            await files.DeleteAsync(id, CancellationToken.None).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <summary>The name shown for an upload: without any folder a browser may send, and not overly long.</summary>
    public static string DisplayName(string fileName)
    {
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/')).Trim();
        if (name.Length == 0)
        {
            name = "file";
        }

        return name.Length <= MaxFileNameChars ? name : name[..MaxFileNameChars];
    }
}
