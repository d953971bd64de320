using Dapper;

namespace Parley.Storage.Knowledge;

/// <summary>The bytes of uploaded files kept in the database (a server on PostgreSQL: every node reads every upload), in parts of <see cref="FilePartBytes"/>.</summary>
public sealed partial class KnowledgeStore
{
    /// <summary>The most bytes one stored part holds, and so one read of a file holds in memory.</summary>
    public const int FilePartBytes = 1024 * 1024;

    /// <summary>Stores a file's bytes in one transaction (a file is there whole or not at all); returns its size.</summary>
    public async Task<long> SaveFileContentAsync(string knowledgeId, string fileId, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = new byte[FilePartBytes];
        return await database.WriteAsync(async (connection, transaction) =>
        {
            long size = 0;
            var part = 0;
            while (true)
            {
                var filled = await FillAsync(content, buffer, cancellationToken).ConfigureAwait(false);
                if (filled == 0 && part > 0)
                {
                    return size;
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO knowledge_file_parts (knowledge_id, file_id, part, bytes) VALUES (@KnowledgeId, @FileId, @Part, @Bytes);",
                    new { KnowledgeId = knowledgeId, FileId = fileId, Part = part, Bytes = buffer.AsSpan(0, filled).ToArray() },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                size += filled;
                part++;
                if (filled < buffer.Length)
                {
                    return size;
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a stored file's bytes to <paramref name="destination"/>, part by part; false when none are stored (the file or its knowledge is gone).</summary>
    public async Task<bool> CopyFileContentAsync(string fileId, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var parts = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM knowledge_file_parts WHERE file_id = @FileId;", new { FileId = fileId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        for (var part = 0; part < parts; part++)
        {
            // One part per query: no read holds more than a part in memory, whatever the file's size.
            var bytes = await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
                "SELECT bytes FROM knowledge_file_parts WHERE file_id = @FileId AND part = @Part;",
                new { FileId = fileId, Part = part },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (bytes is null)
            {
                return false;
            }

            await destination.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        return parts > 0;
    }

    /// <summary>Deletes the stored bytes of every file of a knowledge.</summary>
    public async Task DeleteFileContentsAsync(string knowledgeId, CancellationToken cancellationToken = default)
    {
        await database.ExecuteWriteAsync(
            "DELETE FROM knowledge_file_parts WHERE knowledge_id = @KnowledgeId;", new { KnowledgeId = knowledgeId }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}
