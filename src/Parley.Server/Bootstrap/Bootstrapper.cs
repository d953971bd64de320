using Parley.Server.Configuration;
using Parley.Storage.Agents;
using Parley.Storage.ApiKeys;
using Parley.Storage.Database;
using Parley.Storage.Teamspaces;

namespace Parley.Server.Bootstrap;

/// <summary>Brings the database up to date and makes sure someone can sign in, before the server listens.</summary>
internal sealed class Bootstrapper(
    ParleyDatabase database,
    TeamspaceStore teamspaces,
    AgentStore agents,
    ApiKeyStore keys,
    CredentialHeaderUpgrade credentials,
    ParleyServerOptions options)
{
    /// <summary>What the operator needs to hear about the bootstrap key.</summary>
    public sealed record Result(string? NewKey, bool FromEnvironment);

    public async Task<Result> RunAsync(CancellationToken cancellationToken = default)
    {
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await credentials.RunAsync(cancellationToken).ConfigureAwait(false);
        await teamspaces.EnsureDefaultAsync(cancellationToken).ConfigureAwait(false);
        await agents.GetDefaultAsync(TeamspaceStore.DefaultId, cancellationToken).ConfigureAwait(false);

        if (options.ApiKey is { } configured)
        {
            await keys.EnsureAsync(configured, TeamspaceStore.DefaultId, "bootstrap (PARLEY_API_KEY)", isAdmin: true, cancellationToken).ConfigureAwait(false);
            return new Result(null, FromEnvironment: true);
        }

        if (await keys.AnyActiveAsync(cancellationToken).ConfigureAwait(false))
        {
            return new Result(null, FromEnvironment: false);
        }

        var key = ApiKeyHasher.NewKey();
        await keys.EnsureAsync(key, TeamspaceStore.DefaultId, "bootstrap (generated)", isAdmin: true, cancellationToken).ConfigureAwait(false);
        return new Result(key, FromEnvironment: false);
    }
}
