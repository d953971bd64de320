using Medallion.Threading.Redis;
using Parley.Sessions.Conversations;

namespace Parley.Server.Cluster;

/// <summary>One live session per conversation across the cluster: a Redis lock per conversation (DistributedLock.Redis), held as a lease.</summary>
/// <remarks>
/// The lock is renewed every third of <see cref="ClusterOptions.SessionLease"/> while the session runs and deleted
/// when it ends; when its node dies it lapses within the lease, and the conversation can be continued elsewhere.
/// </remarks>
internal sealed class RedisConversationLocks(RedisConnection redis, ClusterOptions options) : IConversationLocks
{
    public async Task<IAsyncDisposable?> TryAcquireAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var conversation = new RedisDistributedLock(redis.Key("conversation:" + conversationId), redis.Database, RedisSessionSlots.Lease(options));
        return await conversation.TryAcquireAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
    }
}
