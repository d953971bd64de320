using Parley.Knowledge.Extraction;
using Parley.Storage.Database;
using Parley.Storage.Knowledge;

namespace Parley.Knowledge.Files;

/// <summary>Uploaded files kept in the database (PostgreSQL), so a file uploaded through one node is ingested by whichever node claims it.</summary>
/// <remarks>
/// A file is read from a private temporary copy in the node's data folder (<c>tmp/</c>): the PDF reader is a child
/// process that opens a path, and a part-by-part copy holds at most one part in memory. Copies left by a node that was
/// killed are deleted when the store is made at the next start.
/// </remarks>
public sealed class DatabaseKnowledgeFileStore : IKnowledgeFileStore
{
    private const string CopyPrefix = "knowledge-";

    private readonly KnowledgeStore _store;
    private readonly string _temporary;

    public DatabaseKnowledgeFileStore(KnowledgeStore store, KnowledgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _temporary = Path.Combine(Path.GetFullPath(options.DataDirectory), "tmp");
        Directory.CreateDirectory(_temporary);
        foreach (var left in Directory.EnumerateFiles(_temporary, CopyPrefix + "*"))
        {
            File.Delete(left);
        }
    }

    public async Task<long> SaveAsync(string knowledgeId, string fileId, KnowledgeFileType type, Stream content, CancellationToken cancellationToken = default)
        => await _store.SaveFileContentAsync(knowledgeId, fileId, content, cancellationToken).ConfigureAwait(false);

    public async Task<LocalKnowledgeFile> OpenLocalAsync(string knowledgeId, string fileId, KnowledgeFileType type, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(_temporary, $"{CopyPrefix}{Guid.NewGuid():N}{KnowledgeFileTypes.Extension(type)}");
        var copy = new LocalKnowledgeFile(path, temporary: true);
        try
        {
            bool found;
            PrivateFiles.CreateFile(path); // the copy is only the server's to read, as the data folder is
            await using (var file = new FileStream(path, FileMode.Truncate, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                found = await _store.CopyFileContentAsync(fileId, file, cancellationToken).ConfigureAwait(false);
            }

            return found ? copy : throw new FileNotFoundException($"The upload {fileId} of knowledge {knowledgeId} is not in the database.");
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    public Task DeleteAsync(string knowledgeId, CancellationToken cancellationToken = default) => _store.DeleteFileContentsAsync(knowledgeId, cancellationToken);
}
