using Parley.Knowledge.Extraction;

namespace Parley.Knowledge.Files;

/// <summary>The bytes of uploaded files, under <c>DATA/knowledge/KNOWLEDGE_ID/FILE_ID.EXT</c>, kept until the knowledge is deleted.</summary>
/// <remarks>
/// Files are named by their ids, never by the uploaded name, so no client text reaches a path. They are written
/// before the knowledge is recorded, so a knowledge that exists always has its files, even after a crash. Only one node
/// sees a data folder: on PostgreSQL the files live in the database (<see cref="DatabaseKnowledgeFileStore"/>).
/// </remarks>
public sealed class KnowledgeFileStore(KnowledgeOptions options) : IKnowledgeFileStore
{
    private readonly string _root = Path.Combine(Path.GetFullPath(options.DataDirectory), "knowledge");

    /// <summary>Writes one file (through a temporary name, so a half-written file is never taken for a whole one); returns its size.</summary>
    public async Task<long> SaveAsync(string knowledgeId, string fileId, KnowledgeFileType type, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(knowledgeId, fileId, type);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".part";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
        return new FileInfo(path).Length;
    }

    public Task<LocalKnowledgeFile> OpenLocalAsync(string knowledgeId, string fileId, KnowledgeFileType type, CancellationToken cancellationToken = default)
    {
        var path = PathOf(knowledgeId, fileId, type);
        return File.Exists(path) ? Task.FromResult(new LocalKnowledgeFile(path, temporary: false)) : throw new FileNotFoundException("The uploaded file is gone.", path);
    }

    public Task DeleteAsync(string knowledgeId, CancellationToken cancellationToken = default)
    {
        Delete(knowledgeId);
        return Task.CompletedTask;
    }

    /// <summary>Opens a saved file for reading; throws <see cref="FileNotFoundException"/> when it is gone.</summary>
    public Stream OpenRead(string knowledgeId, string fileId, KnowledgeFileType type)
        => new FileStream(PathOf(knowledgeId, fileId, type), FileMode.Open, FileAccess.Read, FileShare.Read, 81920);

    /// <summary>Deletes every file of a knowledge; a folder already gone is fine.</summary>
    public void Delete(string knowledgeId)
    {
        var folder = FolderOf(knowledgeId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Where a saved file lies.</summary>
    public string PathOf(string knowledgeId, string fileId, KnowledgeFileType type)
        => Path.Combine(FolderOf(knowledgeId), SafeName(fileId) + KnowledgeFileTypes.Extension(type));

    private string FolderOf(string knowledgeId) => Path.Combine(_root, SafeName(knowledgeId));

    // Ids are made by Ids.New(); anything else reaching here is a bug, and must not become a path outside the folder.
    private static string SafeName(string id)
        => id.Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? id : throw new ArgumentException($"'{id}' is not an id.", nameof(id));
}
