using Dapper;
using Parley.Storage.Database;
using Parley.Storage.Paging;

namespace Parley.Storage.Files;

/// <summary>The rows of files: uploads and recordings, each in one teamspace; their bytes are in an <see cref="IFileContentStore"/>.</summary>
/// <remarks>
/// Teamspace-scoped methods serve the API and see only <c>ready</c> files; the recorder's and the sweeper's methods
/// (<c>FileStore.Recordings.cs</c>, <c>FileStore.Sweep.cs</c>) work by id after their callers chose the teamspace.
/// </remarks>
public sealed partial class FileStore(ParleyDatabase database, TimeProvider timeProvider)
{
    private const string Columns =
        "id, teamspace_id, kind, state, filename, media_type, size_bytes, message_id, pcm_sample_rate, pcm_channels, created_at, expires_at";

    /// <summary>The time as rows record it.</summary>
    public DateTimeOffset Now => timeProvider.StorageNow();

    /// <summary>Records a file whose bytes are about to be written (state <c>writing</c>, not served yet).</summary>
    public async Task<FileRecord> CreateAsync(FileRecord file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var row = file with { State = FileStates.Writing, CreatedAt = file.CreatedAt == default ? Now : file.CreatedAt };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO files ({Columns})
            VALUES (@Id, @TeamspaceId, @Kind, @State, @Filename, @MediaType, @SizeBytes, @MessageId, @PcmSampleRate, @PcmChannels, @CreatedAt, @ExpiresAt);
            """,
            row, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row;
    }

    /// <summary>Marks a file's bytes all stored, with the size served; null when the file is gone (deleted meanwhile).</summary>
    public async Task<FileRecord?> CompleteAsync(string id, long sizeBytes, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<FileRecord>(new CommandDefinition(
            $"UPDATE files SET state = @Ready, size_bytes = @SizeBytes WHERE id = @Id RETURNING {Columns};",
            new { Id = id, SizeBytes = sizeBytes, FileStates.Ready }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The ready file with this id in this teamspace (an upload or a recording), or null.</summary>
    public async Task<FileRecord?> FindAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<FileRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM files WHERE id = @Id AND teamspace_id = @TeamspaceId AND state = @Ready;",
            new { Id = id, TeamspaceId = teamspaceId, FileStates.Ready }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>A page of the teamspace's uploaded files, newest first (recordings are reached through their messages).</summary>
    public async Task<IReadOnlyList<FileRecord>> ListUploadsAsync(string teamspaceId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var (where, orderBy, reverse) = Keyset.For(page, newestFirst: true);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<FileRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM files WHERE teamspace_id = @TeamspaceId AND kind = @Upload AND state = @Ready{where}{orderBy};",
            new { TeamspaceId = teamspaceId, FileKinds.Upload, FileStates.Ready, page.After, page.Before, page.Limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return Keyset.Arrange(rows, reverse);
    }

    /// <summary>Sets when an expiring upload of the teamspace is deleted; null when there is no such file.</summary>
    public async Task<FileRecord?> SetExpiryAsync(string teamspaceId, string id, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<FileRecord>(new CommandDefinition(
            $"UPDATE files SET expires_at = @ExpiresAt WHERE id = @Id AND teamspace_id = @TeamspaceId AND state = @Ready RETURNING {Columns};",
            new { Id = id, TeamspaceId = teamspaceId, ExpiresAt = expiresAt, FileStates.Ready }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Deletes a file of the teamspace (its clip row with it); the deleted row, or null when there was none.</summary>
    /// <remarks>The caller deletes the bytes after: a row gone is a file gone, whatever becomes of its bytes.</remarks>
    public async Task<FileRecord?> DeleteAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<FileRecord>(new CommandDefinition(
            $"DELETE FROM files WHERE id = @Id AND teamspace_id = @TeamspaceId RETURNING {Columns};",
            new { Id = id, TeamspaceId = teamspaceId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The ids among <paramref name="ids"/> that name ready files of the teamspace.</summary>
    public async Task<IReadOnlySet<string>> FindExistingAsync(string teamspaceId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return new HashSet<string>();
        }

        var parameters = new DynamicParameters(new { TeamspaceId = teamspaceId, FileStates.Ready });
        var list = IdList.Spell(parameters, distinct);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var found = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT id FROM files WHERE teamspace_id = @TeamspaceId AND state = @Ready AND id IN ({list});",
            parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return found.ToHashSet(StringComparer.Ordinal);
    }
}
