using Dapper;
using Parley.Storage.Database;
using Parley.Storage.Paging;

namespace Parley.Storage.Knowledge;

/// <summary>Knowledge of each teamspace: its files, their indexed passages, and search over them. Nothing here crosses teamspaces.</summary>
/// <remarks>
/// The teamspace-scoped methods serve the API and agents; the ingestion methods (<c>KnowledgeStore.Ingestion.cs</c>)
/// serve the background worker, which works by knowledge id only after the API has checked the teamspace.
/// </remarks>
public sealed partial class KnowledgeStore(ParleyDatabase database, TimeProvider timeProvider)
{
    private const string Columns =
        "id, teamspace_id, name, status, last_error, files_total, files_completed, files_failed, chunk_count, created_at, updated_at, file_id";

    // The knowledge API's own: knowledge indexing an uploaded file is that file's, reached only through its id.
    private const string OwnKnowledge = " AND file_id IS NULL";

    private const string FileColumns = "id, knowledge_id, name, media_type, size_bytes, status, error, chunk_count, attempts, created_at";

    /// <summary>The knowledge with this id in this teamspace, or null.</summary>
    public async Task<KnowledgeRecord?> FindAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<KnowledgeRecord>(
            $"SELECT {Columns} FROM knowledge WHERE id = @Id AND teamspace_id = @TeamspaceId{OwnKnowledge};",
            new { Id = id, TeamspaceId = teamspaceId }).ConfigureAwait(false);
    }

    /// <summary>A page of the teamspace's knowledge, newest first.</summary>
    public async Task<IReadOnlyList<KnowledgeRecord>> ListAsync(string teamspaceId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var (where, orderBy, reverse) = Keyset.For(page, newestFirst: true);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<KnowledgeRecord>(
            $"SELECT {Columns} FROM knowledge WHERE teamspace_id = @TeamspaceId{OwnKnowledge}{where}{orderBy};",
            new { TeamspaceId = teamspaceId, page.After, page.Before, page.Limit }).ConfigureAwait(false);
        return Keyset.Arrange(rows, reverse);
    }

    /// <summary>The files of a knowledge of this teamspace, in upload order; empty when there is no such knowledge.</summary>
    public async Task<IReadOnlyList<KnowledgeFileRecord>> ListFilesAsync(string teamspaceId, string knowledgeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<KnowledgeFileRecord>(
            $"""
            SELECT {FileColumns} FROM knowledge_files
            WHERE knowledge_id = @KnowledgeId AND EXISTS (SELECT 1 FROM knowledge k WHERE k.id = @KnowledgeId AND k.teamspace_id = @TeamspaceId)
            ORDER BY id;
            """,
            new { KnowledgeId = knowledgeId, TeamspaceId = teamspaceId }).ConfigureAwait(false)).AsList();
    }

    /// <summary>Records a new knowledge, <c>pending</c>, with its files waiting for ingestion.</summary>
    /// <remarks>The caller chooses the ids (<see cref="Ids.New"/>) because it saves the files' bytes under them first.</remarks>
    /// <param name="teamspaceId">The owner.</param>
    /// <param name="id">The knowledge's id.</param>
    /// <param name="name">Its name.</param>
    /// <param name="files">Its files, saved already.</param>
    /// <param name="fileId">The uploaded file this knowledge indexes (see <see cref="KnowledgeRecord.FileId"/>), or null.</param>
    /// <param name="cancellationToken">Cancels the insert.</param>
    public async Task<KnowledgeRecord> CreateAsync(
        string teamspaceId, string id, string name, IReadOnlyList<NewKnowledgeFile> files, string? fileId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var now = timeProvider.StorageNow();
        var knowledge = new KnowledgeRecord
        {
            Id = id,
            TeamspaceId = teamspaceId,
            Name = name,
            Status = KnowledgeStatus.Pending,
            FilesTotal = files.Count,
            CreatedAt = now,
            UpdatedAt = now,
            FileId = fileId,
        };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            $"""
            INSERT INTO knowledge ({Columns})
            VALUES (@Id, @TeamspaceId, @Name, @Status, NULL, @FilesTotal, 0, 0, 0, @CreatedAt, @UpdatedAt, @FileId);
            """,
            knowledge, transaction).ConfigureAwait(false);
        await connection.ExecuteAsync(
            $"""
            INSERT INTO knowledge_files ({FileColumns})
            VALUES (@Id, @KnowledgeId, @Name, @MediaType, @SizeBytes, @Status, NULL, 0, 0, @CreatedAt);
            """,
            files.Select(f => new { f.Id, KnowledgeId = id, f.Name, f.MediaType, f.SizeBytes, Status = KnowledgeFileStatus.Pending, CreatedAt = now }),
            transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return knowledge;
    }

    /// <summary>Renames a knowledge; null when there is no such knowledge in the teamspace.</summary>
    public async Task<KnowledgeRecord?> RenameAsync(string teamspaceId, string id, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(
            $"UPDATE knowledge SET name = @Name, updated_at = @Now WHERE id = @Id AND teamspace_id = @TeamspaceId{OwnKnowledge};",
            new { Id = id, TeamspaceId = teamspaceId, Name = name, Now = timeProvider.StorageNow() }).ConfigureAwait(false);
        return changed == 0 ? null : await FindAsync(teamspaceId, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a knowledge with its files' records, its passages and their index entries; false when there is no such knowledge in the teamspace.</summary>
    public async Task<bool> DeleteAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new { Id = id, TeamspaceId = teamspaceId };
        var owned = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM knowledge WHERE id = @Id AND teamspace_id = @TeamspaceId;", parameters, transaction).ConfigureAwait(false);
        if (owned == 0)
        {
            return false;
        }

        // Chunks go first and explicitly (not by cascade) so SQLite's index trigger removes each one from the FTS table.
        await connection.ExecuteAsync("DELETE FROM knowledge_chunks WHERE knowledge_id = @Id;", parameters, transaction).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM knowledge_files WHERE knowledge_id = @Id;", parameters, transaction).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM knowledge WHERE id = @Id;", parameters, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
