using Parley.Server.Api;
using Parley.Storage.ApiKeys;

namespace Parley.Server.Voice;

/// <summary>Ends live voice sessions whose key was revoked where this node did not see it: by the <c>keys</c> command, or on another node.</summary>
/// <remarks>A key revoked through this node's API ends its sessions at once; this catches the rest within <see cref="ApiOptions.RevokedKeyCheckInterval"/>.</remarks>
internal sealed partial class RevokedKeyWatcher(
    SessionRegistry sessions,
    ApiKeyStore keys,
    ApiOptions options,
    TimeProvider timeProvider,
    ILogger<RevokedKeyWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RevokedKeyCheckInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await EndRevokedAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be away for a while; the next tick tries again.
                LogCheckFailed(logger, ex);
            }
        }
    }

    /// <summary>Ends the sessions of every key that is no longer live; returns how many sessions were ended.</summary>
    public async Task<int> EndRevokedAsync(CancellationToken cancellationToken = default)
    {
        var inUse = sessions.ApiKeyIds;
        if (inUse.Count == 0)
        {
            return 0;
        }

        var live = await keys.FindActiveIdsAsync(inUse, cancellationToken).ConfigureAwait(false);
        var ended = 0;
        foreach (var revoked in inUse.Where(id => !live.Contains(id)))
        {
            ended += sessions.EndSessionsOf(revoked);
        }

        return ended;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking live sessions for revoked keys failed.")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
