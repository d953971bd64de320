using Dapper;
using Parley.Storage.Database;

namespace Parley.Storage.ApiKeys;

/// <summary>API keys, stored hashed.</summary>
public sealed class ApiKeyStore(ParleyDatabase database, TimeProvider timeProvider)
{
    private const string Columns = "id, teamspace_id, name, prefix, is_admin, is_operator, is_bootstrap, created_at, revoked_at";

    /// <summary>The live (not revoked) key record matching a raw key, or null.</summary>
    public async Task<ApiKeyRecord?> FindActiveAsync(string rawKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<ApiKeyRecord>(
            $"SELECT {Columns} FROM api_keys WHERE key_hash = @Hash AND revoked_at IS NULL;",
            new { Hash = ApiKeyHasher.Hash(rawKey) }).ConfigureAwait(false);
    }

    /// <summary>The key with this id in this teamspace (revoked or not), or null.</summary>
    public async Task<ApiKeyRecord?> FindAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<ApiKeyRecord>(
            $"SELECT {Columns} FROM api_keys WHERE id = @Id AND teamspace_id = @TeamspaceId;",
            new { Id = id, TeamspaceId = teamspaceId }).ConfigureAwait(false);
    }

    /// <summary>Which of these key ids are still live (not revoked); ids that never existed are left out too.</summary>
    public async Task<IReadOnlySet<string>> FindActiveIdsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return new HashSet<string>();
        }

        // Spelled out rather than `IN @Ids`, which Dapper hands Npgsql as one array parameter.
        var distinct = ids.Distinct().ToArray();
        var parameters = new DynamicParameters();
        for (var i = 0; i < distinct.Length; i++)
        {
            parameters.Add($"Id{i}", distinct[i]);
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var live = await connection.QueryAsync<string>(
            $"SELECT id FROM api_keys WHERE revoked_at IS NULL AND id IN ({string.Join(", ", distinct.Select((_, i) => $"@Id{i}"))});",
            parameters).ConfigureAwait(false);
        return live.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether any live key exists.</summary>
    public async Task<bool> AnyActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL;").ConfigureAwait(false) > 0;
    }

    /// <summary>Stores a key made by <see cref="ApiKeyHasher.NewKey"/> (or given by a test) unless its hash is already there.</summary>
    public async Task<ApiKeyRecord> EnsureAsync(string rawKey, string teamspaceId, string name, bool isAdmin, CancellationToken cancellationToken = default)
        => await InsertAsync(rawKey, teamspaceId, name, isAdmin, isOperator: false, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Makes <paramref name="rawKey"/> the bootstrap key: an operator of the default teamspace, live again if it had been
    /// revoked, and every other bootstrap key revoked, so changing <c>PARLEY_API_KEY</c> retires the key it replaces.
    /// </summary>
    /// <returns>The key, and how many earlier bootstrap keys were revoked now.</returns>
    public async Task<(ApiKeyRecord Key, int Revoked)> EnsureBootstrapAsync(string rawKey, string teamspaceId, string name, CancellationToken cancellationToken = default)
    {
        var hash = ApiKeyHasher.Hash(rawKey);
        var now = timeProvider.StorageNow();
        return await database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO api_keys (id, teamspace_id, name, prefix, key_hash, is_admin, is_operator, is_bootstrap, created_at)
                VALUES (@Id, @TeamspaceId, @Name, @Prefix, @Hash, TRUE, TRUE, TRUE, @Now)
                ON CONFLICT (key_hash) DO UPDATE SET is_admin = TRUE, is_operator = TRUE, is_bootstrap = TRUE, revoked_at = NULL, prefix = @Prefix;
                """,
                new { Id = Ids.New(), TeamspaceId = teamspaceId, Name = name, Prefix = ApiKeyHasher.DisplayPrefix(rawKey), Hash = hash, Now = now },
                transaction).ConfigureAwait(false);
            var revoked = await connection.ExecuteAsync(
                "UPDATE api_keys SET revoked_at = @Now WHERE is_bootstrap = TRUE AND key_hash <> @Hash AND revoked_at IS NULL;",
                new { Hash = hash, Now = now },
                transaction).ConfigureAwait(false);
            var key = await connection.QuerySingleAsync<ApiKeyRecord>(
                $"SELECT {Columns} FROM api_keys WHERE key_hash = @Hash;", new { Hash = hash }, transaction).ConfigureAwait(false);
            return (key, revoked);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes a new key; the raw key is returned this once and never stored. An operator key is an admin key too.</summary>
    public async Task<(ApiKeyRecord Key, string RawKey)> CreateAsync(
        string teamspaceId, string name, bool isAdmin, bool isOperator = false, CancellationToken cancellationToken = default)
    {
        var raw = ApiKeyHasher.NewKey();
        return (await InsertAsync(raw, teamspaceId, name, isAdmin || isOperator, isOperator, cancellationToken).ConfigureAwait(false), raw);
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

    private async Task<ApiKeyRecord> InsertAsync(string rawKey, string teamspaceId, string name, bool isAdmin, bool isOperator, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO api_keys (id, teamspace_id, name, prefix, key_hash, is_admin, is_operator, is_bootstrap, created_at)
            VALUES (@Id, @TeamspaceId, @Name, @Prefix, @Hash, @IsAdmin, @IsOperator, FALSE, @Now)
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
                IsOperator = isOperator,
                Now = timeProvider.StorageNow(),
            }).ConfigureAwait(false);
        return await connection.QuerySingleAsync<ApiKeyRecord>(
            $"SELECT {Columns} FROM api_keys WHERE key_hash = @Hash;", new { Hash = ApiKeyHasher.Hash(rawKey) }).ConfigureAwait(false);
    }
}
