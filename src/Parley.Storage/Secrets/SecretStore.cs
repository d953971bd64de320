using System.Text.Json;
using Dapper;
using Parley.Storage.Database;
using Parley.Storage.Paging;

namespace Parley.Storage.Secrets;

/// <summary>Secrets of each teamspace, with their values encrypted at rest. Nothing here crosses teamspaces.</summary>
/// <remarks>Values go in and come out only through <see cref="ReadAsync"/>, for tools about to use them; records never hold them.</remarks>
public sealed class SecretStore(ParleyDatabase database, TimeProvider timeProvider, SecretProtector protector)
{
    private const string Columns = "id, teamspace_id, name, allowed_hosts_json, created_at, updated_at";

    /// <summary>The secret with this id in this teamspace, or null.</summary>
    public async Task<SecretRecord?> FindAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<SecretRow>(
            $"SELECT {Columns} FROM secrets WHERE id = @Id AND teamspace_id = @TeamspaceId;",
            new { Id = id, TeamspaceId = teamspaceId }).ConfigureAwait(false);
        return row?.ToRecord();
    }

    /// <summary>A page of the teamspace's secrets, newest first.</summary>
    public async Task<IReadOnlyList<SecretRecord>> ListAsync(string teamspaceId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var (where, orderBy, reverse) = Keyset.For(page, newestFirst: true);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SecretRow>(
            $"SELECT {Columns} FROM secrets WHERE teamspace_id = @TeamspaceId{where}{orderBy};",
            new { TeamspaceId = teamspaceId, page.After, page.Before, page.Limit }).ConfigureAwait(false);
        return Keyset.Arrange(rows.Select(r => r.ToRecord()), reverse);
    }

    /// <summary>Stores a new secret, bound to <paramref name="allowedHosts"/> (null: unbound); null when the teamspace already has one of this name.</summary>
    public async Task<SecretRecord?> CreateAsync(
        string teamspaceId, string name, string value, IReadOnlyList<string>? allowedHosts = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        var now = timeProvider.StorageNow();
        var secret = new SecretRecord { Id = Ids.New(), TeamspaceId = teamspaceId, Name = name, AllowedHosts = allowedHosts, CreatedAt = now, UpdatedAt = now };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The unique index decides, so two requests racing for one name cannot both win.
        var inserted = await connection.ExecuteAsync(
            $"""
            INSERT INTO secrets ({Columns}, protected_value)
            VALUES (@Id, @TeamspaceId, @Name, @AllowedHostsJson, @CreatedAt, @UpdatedAt, @ProtectedValue)
            ON CONFLICT (teamspace_id, name) DO NOTHING;
            """,
            new
            {
                secret.Id, secret.TeamspaceId, secret.Name, AllowedHostsJson = SecretRow.Serialize(allowedHosts), secret.CreatedAt, secret.UpdatedAt,
                ProtectedValue = protector.Protect(value),
            }).ConfigureAwait(false);
        return inserted == 1 ? secret : null;
    }

    /// <summary>Deletes a secret; false when there is no such secret in the teamspace.</summary>
    public async Task<bool> DeleteAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(
            "DELETE FROM secrets WHERE id = @Id AND teamspace_id = @TeamspaceId;", new { Id = id, TeamspaceId = teamspaceId }).ConfigureAwait(false) == 1;
    }

    /// <summary>The values of the teamspace's secrets with these names, by name, with where each may go; names it does not have are left out.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">A value cannot be decrypted: its key ring is gone.</exception>
    public async Task<IReadOnlyDictionary<string, SecretValue>> ReadAsync(
        string teamspaceId, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            return new Dictionary<string, SecretValue>(StringComparer.Ordinal);
        }

        // Npgsql takes a list as one array parameter, SQLite needs Dapper to expand it into IN (...).
        var filter = database.Provider == DatabaseProvider.Postgres ? "name = ANY(@Names)" : "name IN @Names";
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Name, string ProtectedValue, string? AllowedHostsJson)>(
            $"SELECT name, protected_value, allowed_hosts_json FROM secrets WHERE teamspace_id = @TeamspaceId AND {filter};",
            new { TeamspaceId = teamspaceId, Names = names.Distinct(StringComparer.Ordinal).ToArray() }).ConfigureAwait(false);
        return rows.ToDictionary(
            r => r.Name,
            r => new SecretValue(r.Name, protector.Unprotect(r.ProtectedValue), SecretRow.Deserialize(r.AllowedHostsJson)),
            StringComparer.Ordinal);
    }

    private sealed record SecretRow
    {
        public required string Id { get; init; }
        public required string TeamspaceId { get; init; }
        public required string Name { get; init; }
        public string? AllowedHostsJson { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public static string? Serialize(IReadOnlyList<string>? hosts)
            => hosts is null ? null : JsonSerializer.Serialize([.. hosts], StorageJsonContext.Default.ListString);

        public static IReadOnlyList<string>? Deserialize(string? json)
            => json is null ? null : JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListString) ?? [];

        public SecretRecord ToRecord() => new()
        {
            Id = Id,
            TeamspaceId = TeamspaceId,
            Name = Name,
            AllowedHosts = Deserialize(AllowedHostsJson),
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
        };
    }
}
