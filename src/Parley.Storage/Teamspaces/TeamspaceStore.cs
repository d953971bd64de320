using Dapper;
using Parley.Storage.Database;

namespace Parley.Storage.Teamspaces;

/// <summary>Teamspaces: the unit of tenancy that owns keys, agents and conversations.</summary>
public sealed class TeamspaceStore(ParleyDatabase database, TimeProvider timeProvider)
{
    /// <summary>The id of the teamspace created on first start.</summary>
    public const string DefaultId = "default";

    /// <summary>Creates the default teamspace if it does not exist yet.</summary>
    public Task EnsureDefaultAsync(CancellationToken cancellationToken = default) => EnsureAsync(DefaultId, "Default", cancellationToken);

    /// <summary>Creates a teamspace if it does not exist yet.</summary>
    public async Task EnsureAsync(string id, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO teamspaces (id, name, created_at) VALUES (@Id, @Name, @Now) ON CONFLICT (id) DO NOTHING;",
            new { Id = id, Name = name, Now = timeProvider.StorageNow() }).ConfigureAwait(false);
    }
}
