using System.Runtime.CompilerServices;
using Dapper;
using Parley.Storage.Database;

namespace Parley.Storage.Files;

/// <summary>File bytes in the database, as numbered chunks of at most <see cref="ChunkBytes"/> (PostgreSQL deployments).</summary>
/// <remarks>
/// Every node of a cluster sees every file, and a file's bytes go with its row (a foreign key with cascade), so no byte
/// outlives its file. A writer holds at most one chunk in memory; a reader fetches one chunk at a time.
/// </remarks>
public sealed class DatabaseFileContentStore(ParleyDatabase database) : IFileContentStore
{
    /// <summary>The most bytes one chunk row holds (and a writer buffers).</summary>
    public const int ChunkBytes = 128 * 1024;

    public Task<IFileContentWriter> CreateAsync(string fileId, CancellationToken cancellationToken = default)
        => Task.FromResult<IFileContentWriter>(new DatabaseFileContentWriter(database, fileId, ChunkBytes));

    public async Task<Stream?> OpenReadAsync(string fileId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var chunks = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM file_chunks WHERE file_id = @FileId;", new { FileId = fileId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return chunks == 0 ? null : new ChunkReadStream(this, fileId, (int)chunks);
    }

    public async Task<long> LengthAsync(string fileId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT SUM(LENGTH(data)) FROM file_chunks WHERE file_id = @FileId;", new { FileId = fileId }, cancellationToken: cancellationToken)).ConfigureAwait(false) ?? 0;
    }

    public async Task DeleteAsync(string fileId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM file_chunks WHERE file_id = @FileId;", new { FileId = fileId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<string> ListOrphanCandidatesAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Chunks are deleted with their row (the foreign key cascades): there are never any without one.
        await Task.CompletedTask.ConfigureAwait(false);
        yield break;
    }

    /// <summary>One chunk's bytes, or null past the last.</summary>
    internal async Task<byte[]?> ReadChunkAsync(string fileId, int seq, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT data FROM file_chunks WHERE file_id = @FileId AND seq = @Seq;", new { FileId = fileId, Seq = seq }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>A forward-only stream over a file's chunks, fetched one by one as they are read.</summary>
    private sealed class ChunkReadStream(DatabaseFileContentStore store, string fileId, int chunks) : Stream
    {
        private byte[] _chunk = [];
        private int _offset;
        private int _next;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_offset == _chunk.Length)
            {
                if (_next >= chunks)
                {
                    return 0;
                }

                _chunk = await store.ReadChunkAsync(fileId, _next++, cancellationToken).ConfigureAwait(false) ?? [];
                _offset = 0;
            }

            var count = Math.Min(buffer.Length, _chunk.Length - _offset);
            _chunk.AsMemory(_offset, count).CopyTo(buffer);
            _offset += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
