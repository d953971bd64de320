using Parley.Server.Api;
using StackExchange.Redis;

namespace Parley.Server.Cluster;

/// <summary>Fixed windows counted in Redis, so every node counts into the same window: <c>INCR</c>, and the window's length set on its first event.</summary>
/// <remarks>
/// The count and its expiry are set in one script, so a node that dies between the two cannot leave a counter that
/// never expires. Redis expires ended windows itself; the number of keys is bounded by the callers seen per window.
/// </remarks>
internal sealed class RedisRequestWindows(RedisConnection redis, string name, TimeSpan window) : IRequestWindows
{
    // Returns the count and the milliseconds left in the window.
    private static readonly LuaScript Hit = LuaScript.Prepare("""
        local count = redis.call('INCR', @key)
        if count == 1 then redis.call('PEXPIRE', @key, @windowMs) end
        local left = redis.call('PTTL', @key)
        if left < 0 then redis.call('PEXPIRE', @key, @windowMs); left = tonumber(@windowMs) end
        return { count, left }
        """);

    public async ValueTask<WindowCount> HitAsync(string key, CancellationToken cancellationToken = default)
    {
        var result = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(
            Hit, new { key = Key(key), windowMs = (long)window.TotalMilliseconds }).WaitAsync(cancellationToken).ConfigureAwait(false))!;
        return new WindowCount((long)result[0], DateTimeOffset.UtcNow.AddMilliseconds((long)result[1]));
    }

    public async ValueTask<WindowCount> PeekAsync(string key, CancellationToken cancellationToken = default)
    {
        var database = redis.Database;
        var batch = database.CreateBatch();
        var count = batch.StringGetAsync(Key(key));
        var left = batch.KeyTimeToLiveAsync(Key(key));
        batch.Execute();
        var (value, ttl) = (await count.WaitAsync(cancellationToken).ConfigureAwait(false), await left.WaitAsync(cancellationToken).ConfigureAwait(false));
        return value.IsNullOrEmpty || ttl is null ? default : new WindowCount((long)value, DateTimeOffset.UtcNow + ttl.Value);
    }

    private RedisKey Key(string key) => redis.Key($"window:{name}:{key}");
}
