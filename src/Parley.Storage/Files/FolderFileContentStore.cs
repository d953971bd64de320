using System.Runtime.CompilerServices;
using Parley.Storage.Database;

namespace Parley.Storage.Files;

/// <summary>File bytes in the data folder, one private file per id under <c>files/XX/ID</c> (SQLite deployments).</summary>
/// <remarks>
/// Named by id, never by the uploaded name, so no client text reaches a path. The two-character folder (the id's last
/// two characters, which are random) keeps any one folder small.
/// </remarks>
public sealed class FolderFileContentStore : IFileContentStore
{
    private const int BufferBytes = 64 * 1024;
    private readonly string _root;

    /// <summary>A store under <paramref name="folder"/> (made private if missing).</summary>
    public FolderFileContentStore(string folder)
    {
        _root = Path.GetFullPath(folder);
    }

    public Task<IFileContentWriter> CreateAsync(string fileId, CancellationToken cancellationToken = default)
    {
        var path = PathOf(fileId);
        PrivateFiles.CreateFolder(_root);
        PrivateFiles.CreateFolder(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.Read | FileShare.Delete,
            BufferSize = BufferBytes,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFiles.FileMode;
        }

        var stream = new FileStream(path, options);
        return Task.FromResult<IFileContentWriter>(new Writer(stream));
    }

    public Task<Stream?> OpenReadAsync(string fileId, CancellationToken cancellationToken = default)
    {
        try
        {
            Stream stream = new FileStream(PathOf(fileId), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, BufferBytes, useAsync: true);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<long> LengthAsync(string fileId, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(PathOf(fileId));
        return Task.FromResult(file.Exists ? file.Length : 0);
    }

    public Task DeleteAsync(string fileId, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(fileId)); // A file already gone is fine: File.Delete does not throw for it.
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListOrphanCandidatesAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        if (!Directory.Exists(_root))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(path);
            if (IsId(name) && File.GetLastWriteTimeUtc(path) < before.UtcDateTime)
            {
                yield return name;
            }
        }
    }

    /// <summary>Where the bytes of a file lie.</summary>
    public string PathOf(string fileId)
    {
        // Ids are made by Ids.New(); anything else reaching here is a bug, and must not become a path outside the folder.
        if (!IsId(fileId))
        {
            throw new ArgumentException($"'{fileId}' is not a file id.", nameof(fileId));
        }

        return Path.Combine(_root, fileId[^2..], fileId);
    }

    private static bool IsId(string id) => id.Length >= 2 && id.All(c => char.IsAsciiHexDigit(c) || c == '-');

    private sealed class Writer(FileStream stream) : IFileContentWriter
    {
        public long Length { get; private set; }

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            Length += data.Length;
        }

        public async ValueTask<long> CompleteAsync(CancellationToken cancellationToken = default)
        {
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            return Length;
        }

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}
