using Dapper;
using Parley.Storage.Database;
using Parley.Storage.Paging;

namespace Parley.Storage.Secrets;

/// <summary>Secrets of each teamspace, with their values encrypted at rest. Nothing here crosses teamspaces.</summary>
/// <remarks>Values go in and come out only through <see cref="ReadValuesAsync"/>, for tools about to use them; records never hold them.</remarks>
public sealed class SecretStore(ParleyDatabase database, TimeProvider timeProvider, SecretProtector protector)
{
    private const string Columns = "id, teamspace_id, name, created_at, updated_at";

    /// <summary>The secret with this id in this teamspace, or null.</summary>
    public async Task<SecretRecord?> FindAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<SecretRecord>(
            $"SELECT {Columns} FROM secrets WHERE id = @Id AND teamspace_id = @TeamspaceId;",
            new { Id = id, TeamspaceId = teamspaceId }).ConfigureAwait(false);
    }

    /// <summary>A page of the teamspace's secrets, newest first.</summary>
    public async Task<IReadOnlyList<SecretRecord>> ListAsync(string teamspaceId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var (where, orderBy, reverse) = Keyset.For(page, newestFirst: true);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SecretRecord>(
            $"SELECT {Columns} FROM secrets WHERE teamspace_id = @TeamspaceId{where}{orderBy};",
            new { TeamspaceId = teamspaceId, page.After, page.Before, page.Limit }).ConfigureAwait(false);
        return Keyset.Arrange(rows, reverse);
    }

    /// <summary>Stores a new secret; null when the teamspace already has one of this name.</summary>
    public async Task<SecretRecord?> CreateAsync(string teamspaceId, string name, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        var now = timeProvider.StorageNow();
        var secret = new SecretRecord { Id = Ids.New(), TeamspaceId = teamspaceId, Name = name, CreatedAt = now, UpdatedAt = now };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The unique index decides, so two requests racing for one name cannot both win.
        var inserted = await connection.ExecuteAsync(
            $"""
            INSERT INTO secrets ({Columns}, protected_value)
            VALUES (@Id, @TeamspaceId, @Name, @CreatedAt, @UpdatedAt, @ProtectedValue)
            ON CONFLICT (teamspace_id, name) DO NOTHING;
            """,
            new { secret.Id, secret.TeamspaceId, secret.Name, secret.CreatedAt, secret.UpdatedAt, ProtectedValue = protector.Protect(value) }).ConfigureAwait(false);
        return inserted == 1 ? secret : null;
    }

    /// <summary>Deletes a secret; false when there is no such secret in the teamspace.</summary>
    public async Task<bool> DeleteAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(
            "DELETE FROM secrets WHERE id = @Id AND teamspace_id = @TeamspaceId;", new { Id = id, TeamspaceId = teamspaceId }).ConfigureAwait(false) == 1;
    }

    /// <summary>The values of the teamspace's secrets with these names, by name; names it does not have are left out.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">A value cannot be decrypted: its key ring is gone.</exception>
    public async Task<IReadOnlyDictionary<string, string>> ReadValuesAsync(
        string teamspaceId, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        // Npgsql takes a list as one array parameter, SQLite needs Dapper to expand it into IN (...).
        var filter = database.Provider == DatabaseProvider.Postgres ? "name = ANY(@Names)" : "name IN @Names";
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Name, string ProtectedValue)>(
            $"SELECT name, protected_value FROM secrets WHERE teamspace_id = @TeamspaceId AND {filter};",
            new { TeamspaceId = teamspaceId, Names = names.Distinct(StringComparer.Ordinal).ToArray() }).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Name, r => protector.Unprotect(r.ProtectedValue), StringComparer.Ordinal);
    }
}
