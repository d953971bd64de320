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
    internal static Action<RedisDistributedSynchronizationOptionsBuilder> Lease(ClusterOptions options)
        => builder => builder.Expiry(options.SessionLease).ExtensionCadence(options.SessionLease / 3);
}
