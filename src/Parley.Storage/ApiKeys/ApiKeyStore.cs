using Dapper;
using Parley.Storage.Database;

namespace Parley.Storage.ApiKeys;

/// <summary>API keys, stored hashed.</summary>
public sealed class ApiKeyStore(ParleyDatabase database, TimeProvider timeProvider)
{
    private const string Columns = "id, teamspace_id, name, prefix, is_admin, created_at, revoked_at";

    /// <summary>The live (not revoked) key record matching a raw key, or null.</summary>
    public async Task<ApiKeyRecord?> FindActiveAsync(string rawKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<ApiKeyRecord>(
            $"SELECT {Columns} FROM api_keys WHERE key_hash = @Hash AND revoked_at IS NULL;",
            new { Hash = ApiKeyHasher.Hash(rawKey) }).ConfigureAwait(false);
    }

    /// <summary>Whether any live key exists.</summary>
    public async Task<bool> AnyActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL;").ConfigureAwait(false) > 0;
    }

    /// <summary>Stores a key given by the operator (or made by <see cref="ApiKeyHasher.NewKey"/>) unless its hash is already there.</summary>
    public async Task<ApiKeyRecord> EnsureAsync(string rawKey, string teamspaceId, string name, bool isAdmin, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO api_keys (id, teamspace_id, name, prefix, key_hash, is_admin, created_at)
            VALUES (@Id, @TeamspaceId, @Name, @Prefix, @Hash, @IsAdmin, @Now)
            ON CONFLICT (key_hash) DO NOTHING;
            """,
            new
            {
                Id = Ids.New(),
                TeamspaceId = teamspaceId,
                Name = name,
                Prefix = ApiKeyHasher.DisplayPrefix(rawKey),
                Hash = ApiKeyHasher.Hash(rawKey),
                IsAdmin = isAdmin,
                Now = timeProvider.StorageNow(),
            }).ConfigureAwait(false);
        return await connection.QuerySingleAsync<ApiKeyRecord>(
            $"SELECT {Columns} FROM api_keys WHERE key_hash = @Hash;", new { Hash = ApiKeyHasher.Hash(rawKey) }).ConfigureAwait(false);
    }

    /// <summary>Makes a new key; the raw key is returned this once and never stored.</summary>
    public async Task<(ApiKeyRecord Key, string RawKey)> CreateAsync(string teamspaceId, string name, bool isAdmin, CancellationToken cancellationToken = default)
    {
        var raw = ApiKeyHasher.NewKey();
        return (await EnsureAsync(raw, teamspaceId, name, isAdmin, cancellationToken).ConfigureAwait(false), raw);
    }

    /// <summary>The keys of a teamspace (revoked ones too), newest first.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string teamspaceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<ApiKeyRecord>(
            $"SELECT {Columns} FROM api_keys WHERE teamspace_id = @TeamspaceId ORDER BY created_at DESC, id DESC;",
            new { TeamspaceId = teamspaceId }).ConfigureAwait(false)).AsList();
    }

    /// <summary>Revokes a key of a teamspace; false when there is no such live key.</summary>
    public async Task<bool> RevokeAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(
            "UPDATE api_keys SET revoked_at = @Now WHERE id = @Id AND teamspace_id = @TeamspaceId AND revoked_at IS NULL;",
            new { Id = id, TeamspaceId = teamspaceId, Now = timeProvider.StorageNow() }).ConfigureAwait(false) == 1;
    }
}
