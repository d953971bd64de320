using Dapper;
using Parley.Storage.Database;

namespace Parley.Storage.Files;

/// <summary>What the background sweeper deletes: expired uploads, recordings past their retention, writes a crash left unfinished.</summary>
/// <remarks>Each list is bounded (<c>limit</c>); the sweeper asks again until a list comes back short.</remarks>
public sealed partial class FileStore
{
    /// <summary>Files (of any teamspace) whose expiry is due at <paramref name="now"/>.</summary>
    public Task<IReadOnlyList<FileRecord>> ListExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
        => QueryAsync(
            $"SELECT {Columns} FROM files WHERE expires_at IS NOT NULL AND expires_at <= @Now ORDER BY expires_at, id LIMIT @Limit;",
            new { Now = now, Limit = limit }, cancellationToken);

    /// <summary>Recordings (clips and whole calls) made before <paramref name="cutoff"/>.</summary>
    public Task<IReadOnlyList<FileRecord>> ListRecordingsBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default)
        => QueryAsync(
            $"SELECT {Columns} FROM files WHERE kind IN (@AudioClip, @CallRecording) AND created_at < @Cutoff ORDER BY created_at, id LIMIT @Limit;",
            new { FileKinds.AudioClip, FileKinds.CallRecording, Cutoff = cutoff, Limit = limit }, cancellationToken);

    /// <summary>Files still <c>writing</c> that were started before <paramref name="before"/>: their writer is gone (a crash, a stop).</summary>
    public Task<IReadOnlyList<FileRecord>> ListStaleWritesAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
        => QueryAsync(
            $"SELECT {Columns} FROM files WHERE state = @Writing AND created_at < @Before ORDER BY created_at, id LIMIT @Limit;",
            new { FileStates.Writing, Before = before, Limit = limit }, cancellationToken);

    /// <summary>Deletes a file of any teamspace by id; the deleted row, or null when there was none.</summary>
    public async Task<FileRecord?> DeleteByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<FileRecord>(new CommandDefinition(
            $"DELETE FROM files WHERE id = @Id RETURNING {Columns};", new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The ids among <paramref name="ids"/> that have a row, whatever their teamspace or state.</summary>
    public async Task<IReadOnlySet<string>> FindRowsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return new HashSet<string>();
        }

        var parameters = new DynamicParameters();
        var list = IdList.Spell(parameters, ids);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var found = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT id FROM files WHERE id IN ({list});", parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return found.ToHashSet(StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<FileRecord>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<FileRecord>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }
}
