using Parley.Server.Configuration;
using Parley.Storage.Agents;
using Parley.Storage.ApiKeys;
using Parley.Storage.Database;
using Parley.Storage.Secrets;
using Parley.Storage.Teamspaces;

namespace Parley.Server.Bootstrap;

/// <summary>Brings the database up to date and makes sure someone can sign in, before the server listens.</summary>
internal sealed partial class Bootstrapper(
    ParleyDatabase database,
    TeamspaceStore teamspaces,
    AgentStore agents,
    ApiKeyStore keys,
    CredentialHeaderUpgrade credentials,
    ParleyServerOptions options,
    ILogger<Bootstrapper> logger)
{
    /// <summary>What the operator needs to hear about the bootstrap key.</summary>
    public sealed record Result(string? NewKey, bool FromEnvironment);

    public async Task<Result> RunAsync(CancellationToken cancellationToken = default)
    {
        SecureDataFolder();
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await credentials.RunAsync(cancellationToken).ConfigureAwait(false);
        await teamspaces.EnsureDefaultAsync(cancellationToken).ConfigureAwait(false);
        await agents.GetDefaultAsync(TeamspaceStore.DefaultId, cancellationToken).ConfigureAwait(false);

        if (options.ApiKey is { } configured)
        {
            var (_, revoked) = await keys.EnsureBootstrapAsync(configured, TeamspaceStore.DefaultId, "bootstrap (PARLEY_API_KEY)", cancellationToken).ConfigureAwait(false);
            if (revoked > 0)
            {
                LogRotated(logger, revoked);
            }

            return new Result(null, FromEnvironment: true);
        }

        if (await keys.AnyActiveAsync(cancellationToken).ConfigureAwait(false))
        {
            return new Result(null, FromEnvironment: false);
        }

        var key = ApiKeyHasher.NewKey();
        await keys.EnsureBootstrapAsync(key, TeamspaceStore.DefaultId, "bootstrap (generated)", cancellationToken).ConfigureAwait(false);
        return new Result(key, FromEnvironment: false);
    }

    // The data folder holds the database, the uploaded files and the key ring of secrets: only the server's user may
    // read it. Made so when created, and set again here on folders and files an earlier version left open.
    private void SecureDataFolder()
    {
        PrivateFiles.CreateFolder(options.DataDirectory);
        var keyRing = Path.Combine(options.DataDirectory, SecretServiceCollectionExtensions.KeyFolder);
        if (Directory.Exists(keyRing))
        {
            PrivateFiles.CreateFolder(keyRing);
            PrivateFiles.RestrictFilesIn(keyRing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PARLEY_API_KEY changed: {Count} earlier bootstrap key(s) revoked.")]
    private static partial void LogRotated(ILogger logger, int count);
}
