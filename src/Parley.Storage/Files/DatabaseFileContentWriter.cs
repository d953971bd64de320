using Dapper;
using Parley.Storage.Database;

namespace Parley.Storage.Files;

/// <summary>Writes a file's bytes as chunk rows: bytes are buffered up to one chunk, then stored as the next row.</summary>
internal sealed class DatabaseFileContentWriter(ParleyDatabase database, string fileId, int chunkBytes) : IFileContentWriter
{
    private readonly byte[] _buffer = new byte[chunkBytes];
    private int _filled;
    private int _seq;
    private bool _started;

    public long Length { get; private set; }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (!_started)
        {
            // Writing a file again from the start replaces what it held.
            await ExecuteAsync("DELETE FROM file_chunks WHERE file_id = @FileId;", new { FileId = fileId }, cancellationToken).ConfigureAwait(false);
            _started = true;
        }

        while (data.Length > 0)
        {
            var take = Math.Min(data.Length, _buffer.Length - _filled);
            data[..take].CopyTo(_buffer.AsMemory(_filled));
            _filled += take;
            Length += take;
            data = data[take..];
            if (_filled == _buffer.Length)
            {
                await StoreBufferAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask<long> CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_filled > 0)
        {
            await StoreBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        return Length;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task StoreBufferAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            "INSERT INTO file_chunks (file_id, seq, data) VALUES (@FileId, @Seq, @Data);",
            new { FileId = fileId, Seq = _seq, Data = _buffer[.._filled] },
            cancellationToken).ConfigureAwait(false);
        _seq++;
        _filled = 0;
    }

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
