using Medallion.Threading.Redis;
using Parley.Server.Voice;

namespace Parley.Server.Cluster;

/// <summary>Session slots per API key across the cluster: one Redis semaphore per key (DistributedLock.Redis), whose holds are leases.</summary>
/// <remarks>
/// Each hold is renewed every third of <see cref="ClusterOptions.SessionLease"/> while its session runs, so the slots of a
/// node that dies come back within the lease, and a key is never locked out for good.
/// </remarks>
internal sealed class RedisSessionSlots(RedisConnection redis, ClusterOptions options) : ISessionSlots
{
    public async Task<IAsyncDisposable?> TryTakeAsync(string apiKeyId, int maxPerKey, CancellationToken cancellationToken = default)
    {
        var semaphore = new RedisDistributedSemaphore(redis.Key("sessions-of-key:" + apiKeyId), maxPerKey, redis.Database, Lease(options));
        return await semaphore.TryAcquireAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The lease of every hold a session keeps in Redis.</summary>
    /// <remarks>
    /// An attempt may take up to half the lease. The library's default (a tenth of it, for RedLock across several Redis
    /// servers) counted a slow answer from our one Redis as a failure: on a busy node a key with no session at all was
    /// refused "too many sessions", and a free conversation looked taken.
    /// </remarks>
    internal static Action<RedisDistributedSynchronizationOptionsBuilder> Lease(ClusterOptions options)
        => builder => builder
            .Expiry(options.SessionLease)
            .MinValidityTime(options.SessionLease / 2)
            .ExtensionCadence(options.SessionLease / 3);
}
