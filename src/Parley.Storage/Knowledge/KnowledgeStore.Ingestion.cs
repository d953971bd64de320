using System.Data.Common;
using Dapper;

namespace Parley.Storage.Knowledge;

/// <summary>The ingestion side of the store: files waiting, and each file's outcome. Used by the background worker only.</summary>
/// <remarks>
/// Each file's outcome is one transaction with the knowledge's counts and status, so a crash leaves every file either
/// fully indexed or still pending, and the worker picks up exactly the pending ones on the next start.
/// </remarks>
public sealed partial class KnowledgeStore
{
    private const int MaxErrorChars = 2000;

    /// <summary>Ids of knowledge (in any teamspace) that still have files waiting, oldest first: work left by a crash or a stop.</summary>
    public async Task<IReadOnlyList<string>> ListUnfinishedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<string>(
            "SELECT DISTINCT knowledge_id FROM knowledge_files WHERE status = @Pending ORDER BY knowledge_id;",
            new { KnowledgeFileStatus.Pending }).ConfigureAwait(false)).AsList();
    }

    /// <summary>The files of a knowledge that still wait for ingestion, in upload order.</summary>
    public async Task<IReadOnlyList<KnowledgeFileRecord>> ListPendingFilesAsync(string knowledgeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<KnowledgeFileRecord>(
            $"SELECT {FileColumns} FROM knowledge_files WHERE knowledge_id = @KnowledgeId AND status = @Pending ORDER BY id;",
            new { KnowledgeId = knowledgeId, KnowledgeFileStatus.Pending }).ConfigureAwait(false)).AsList();
    }

    /// <summary>Counts one more start of ingestion on a pending file; returns the count, or null when the file is no longer pending (deleted, or done).</summary>
    public Task<int?> StartFileAsync(KnowledgeFileRecord file, CancellationToken cancellationToken = default) => StartFileAsync(file, null, cancellationToken);

    /// <summary>As <see cref="StartFileAsync(KnowledgeFileRecord, CancellationToken)"/>, only while <paramref name="claim"/> is held (null otherwise).</summary>
    public async Task<int?> StartFileAsync(KnowledgeFileRecord file, string? claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Committed before the file is read, so a crash while reading it is still counted at the next start.
        return await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            $"""
            UPDATE knowledge_files SET attempts = attempts + 1
            WHERE id = @Id AND knowledge_id = @KnowledgeId AND status = @Pending{UnderClaim(claim)}
            RETURNING attempts;
            """,
            new { file.Id, file.KnowledgeId, KnowledgeFileStatus.Pending, Claim = claim },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Takes back the start counted by <see cref="StartFileAsync(KnowledgeFileRecord, string, CancellationToken)"/>, for a file whose reading was stopped through no fault of its own.</summary>
    public async Task GiveAttemptBackAsync(KnowledgeFileRecord file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE knowledge_files SET attempts = attempts - 1 WHERE id = @Id AND status = @Pending AND attempts > 0;",
            new { file.Id, KnowledgeFileStatus.Pending },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Indexes a file's passages (replacing any it had) and marks it ready; false when the file or its knowledge was deleted meanwhile.</summary>
    public Task<bool> CompleteFileAsync(KnowledgeFileRecord file, IReadOnlyList<KnowledgeChunk> chunks, CancellationToken cancellationToken = default)
        => CompleteFileAsync(file, chunks, null, cancellationToken);

    /// <summary>As <see cref="CompleteFileAsync(KnowledgeFileRecord, IReadOnlyList{KnowledgeChunk}, CancellationToken)"/>, only while <paramref name="claim"/> is held (false otherwise).</summary>
    public async Task<bool> CompleteFileAsync(KnowledgeFileRecord file, IReadOnlyList<KnowledgeChunk> chunks, string? claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(chunks);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!await MarkFileAsync(connection, transaction, file, KnowledgeFileStatus.Ready, null, chunks.Count, claim).ConfigureAwait(false))
        {
            return false;
        }

        // One statement per passage, each cancellable: deleting the knowledge stops an insert of many passages midway.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO knowledge_chunks (knowledge_id, file_id, ordinal, source_name, page_number, text)
            VALUES (@KnowledgeId, @FileId, @Ordinal, @SourceName, @PageNumber, @Text);
            """,
            chunks.Select(c => new { file.KnowledgeId, FileId = file.Id, c.Ordinal, SourceName = file.Name, c.PageNumber, c.Text }),
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await RefreshAsync(connection, transaction, file.KnowledgeId).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Marks a file failed with the reason (removing any passages it had); false when the file or its knowledge was deleted meanwhile.</summary>
    public Task<bool> FailFileAsync(KnowledgeFileRecord file, string error, CancellationToken cancellationToken = default)
        => FailFileAsync(file, error, null, cancellationToken);

    /// <summary>As <see cref="FailFileAsync(KnowledgeFileRecord, string, CancellationToken)"/>, only while <paramref name="claim"/> is held (false otherwise).</summary>
    public async Task<bool> FailFileAsync(KnowledgeFileRecord file, string error, string? claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(error);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var reason = error.Length <= MaxErrorChars ? error : error[..MaxErrorChars];
        if (!await MarkFileAsync(connection, transaction, file, KnowledgeFileStatus.Failed, reason, 0, claim).ConfigureAwait(false))
        {
            return false;
        }

        await RefreshAsync(connection, transaction, file.KnowledgeId).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task<bool> MarkFileAsync(
        DbConnection connection, DbTransaction transaction, KnowledgeFileRecord file, string status, string? error, int chunkCount, string? claim)
    {
        var changed = await connection.ExecuteAsync(
            $"UPDATE knowledge_files SET status = @Status, error = @Error, chunk_count = @ChunkCount WHERE id = @Id AND knowledge_id = @KnowledgeId{UnderClaim(claim)};",
            new { file.Id, file.KnowledgeId, Status = status, Error = error, ChunkCount = chunkCount, Claim = claim }, transaction).ConfigureAwait(false);
        if (changed == 0)
        {
            return false;
        }

        // Indexing again (a retry after a crash) must not leave the passages of the earlier attempt behind.
        await connection.ExecuteAsync("DELETE FROM knowledge_chunks WHERE file_id = @Id;", new { file.Id }, transaction).ConfigureAwait(false);
        return true;
    }

    private async Task RefreshAsync(DbConnection connection, DbTransaction transaction, string knowledgeId)
    {
        var counts = await connection.QuerySingleAsync<FileCounts>(
            """
            SELECT COUNT(*) AS total,
                   COALESCE(SUM(CASE WHEN status = @Ready THEN 1 ELSE 0 END), 0) AS completed,
                   COALESCE(SUM(CASE WHEN status = @Failed THEN 1 ELSE 0 END), 0) AS failed,
                   COALESCE(SUM(chunk_count), 0) AS chunks
            FROM knowledge_files WHERE knowledge_id = @KnowledgeId;
            """,
            new { KnowledgeId = knowledgeId, KnowledgeFileStatus.Ready, KnowledgeFileStatus.Failed }, transaction).ConfigureAwait(false);
        var errors = await connection.QueryAsync<(string Name, string? Error)>(
            "SELECT name, error FROM knowledge_files WHERE knowledge_id = @KnowledgeId AND status = @Failed ORDER BY id;",
            new { KnowledgeId = knowledgeId, KnowledgeFileStatus.Failed }, transaction).ConfigureAwait(false);
        var lastError = string.Join("; ", errors.Select(e => $"{e.Name}: {e.Error}"));
        await connection.ExecuteAsync(
            """
            UPDATE knowledge SET status = @Status, last_error = @LastError, files_total = @Total, files_completed = @Completed,
                files_failed = @Failed, chunk_count = @Chunks, updated_at = @Now
            WHERE id = @KnowledgeId;
            """,
            new
            {
                KnowledgeId = knowledgeId,
                Status = KnowledgeStatus.From((int)counts.Total, (int)counts.Completed, (int)counts.Failed),
                LastError = lastError.Length == 0 ? null : lastError.Length <= MaxErrorChars ? lastError : lastError[..MaxErrorChars],
                Total = (int)counts.Total,
                Completed = (int)counts.Completed,
                Failed = (int)counts.Failed,
                Chunks = (int)counts.Chunks,
                Now = timeProvider.StorageNow(),
            },
            transaction).ConfigureAwait(false);
    }

    private sealed record FileCounts
    {
        public long Total { get; init; }
        public long Completed { get; init; }
        public long Failed { get; init; }
        public long Chunks { get; init; }
    }
}
