using Dapper;
using Parley.Storage.Database;

namespace Parley.Storage.Knowledge;

/// <summary>Knowledge that indexes one uploaded file (the Files API), so a session given the file's id can search it.</summary>
public sealed partial class KnowledgeStore
{
    /// <summary>The knowledge indexing each of these files of the teamspace (files that are not indexed, or not the teamspace's, give none).</summary>
    public async Task<IReadOnlyList<string>> FindForFilesAsync(string teamspaceId, IReadOnlyCollection<string> fileIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileIds);
        var ids = fileIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var parameters = new DynamicParameters(new { TeamspaceId = teamspaceId });
        var list = IdList.Spell(parameters, ids);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT id FROM knowledge WHERE teamspace_id = @TeamspaceId AND file_id IN ({list}) ORDER BY id;",
            parameters, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    /// <summary>The knowledge indexing a file, or null.</summary>
    public async Task<KnowledgeRecord?> FindByFileAsync(string fileId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QueryFirstOrDefaultAsync<KnowledgeRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM knowledge WHERE file_id = @FileId ORDER BY id;", new { FileId = fileId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Any knowledge by id, the file indexes too (for the ingestion's own use); null when there is none.</summary>
    public async Task<KnowledgeRecord?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<KnowledgeRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM knowledge WHERE id = @Id;", new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
