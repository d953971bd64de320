using Parley.Server.Api;

namespace Parley.Server.Cluster;

/// <summary>Counters of fixed windows in the cluster's Redis.</summary>
internal sealed class RedisRequestWindowSource(RedisConnection redis) : RequestWindowSource
{
    public override IRequestWindows Create(string name, TimeSpan window, int maxKeys) => new RedisRequestWindows(redis, name, window);
}
