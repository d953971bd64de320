using Parley.Server.Cluster;

namespace Parley.Server.Tests.Cluster;

/// <summary>Per-key session slots and conversation locks in a real Redis (scripts/test.sh starts one), answering slowly.</summary>
public sealed class RedisSessionSlotsTests
{
    private static readonly string? Redis = Environment.GetEnvironmentVariable("PARLEY_TEST_REDIS");

    // With the library's default, an attempt could take a tenth of the lease (0.3 s here): a slower answer made a free
    // slot look taken, and a key with no session at all was refused "too many sessions" (a clean-clone run at load 29).
    [SkippableFact]
    public async Task A_free_slot_is_taken_and_a_full_one_refused_even_when_Redis_answers_slowly()
    {
        Skip.If(Redis is null, "PARLEY_TEST_REDIS names the Redis scripts/test.sh starts.");
        await using var proxy = new SlowTcpProxy(Redis!);
        var options = new ClusterOptions { Redis = proxy.Address, KeyPrefix = $"slots-{Guid.NewGuid():N}:", SessionLease = TimeSpan.FromSeconds(3) };
        using var redis = new RedisConnection(options);
        await redis.Database.PingAsync();
        proxy.Delay = TimeSpan.FromMilliseconds(600);
        var slots = new RedisSessionSlots(redis, options);
        var locks = new RedisConversationLocks(redis, options);

        await using (var first = await slots.TryTakeAsync("key-1", maxPerKey: 1))
        {
            Assert.NotNull(first);
            Assert.Null(await slots.TryTakeAsync("key-1", maxPerKey: 1));
        }

        await using var conversation = await locks.TryAcquireAsync("conversation-1");
        Assert.NotNull(conversation);
        Assert.Null(await locks.TryAcquireAsync("conversation-1"));
    }
}
