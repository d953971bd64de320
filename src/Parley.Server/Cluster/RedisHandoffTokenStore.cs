using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Parley.Server.Voice;
using StackExchange.Redis;

namespace Parley.Server.Cluster;

/// <summary>Handoff tokens in Redis: issued on any node, redeemed once on any node (<c>GETDEL</c>), expired by Redis on time.</summary>
/// <remarks>
/// Keys are the SHA-256 of the token, so a Redis dump holds no token a client could present. A set per API key lists
/// its unredeemed tokens, so revoking the key deletes them (and a redeemed token of a revoked key is refused anyway,
/// by <see cref="TokenAuthenticator"/>).
/// </remarks>
internal sealed class RedisHandoffTokenStore(RedisConnection redis) : IHandoffTokenStore
{
    public async Task<string> IssueAsync(HandoffGrant grant, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var token = IHandoffTokenStore.Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var key = TokenKey(token);
        var stored = JsonSerializer.Serialize(
            new StoredHandoff(grant.TeamspaceId, grant.ApiKeyId, JsonSerializer.SerializeToElement(grant.Start, Protocol.Serialization.ProtocolJsonContext.Default.StartPayload)),
            ClusterJsonContext.Default.StoredHandoff);
        var byKey = KeyTokens(grant.ApiKeyId);
        var batch = redis.Database.CreateTransaction();
        _ = batch.StringSetAsync(key, stored, lifetime);
        _ = batch.SetAddAsync(byKey, key.ToString());
        // Every token lives as long (Parley:Api:HandoffTokenLifetime), so the newest one's lifetime covers the set.
        _ = batch.KeyExpireAsync(byKey, lifetime);
        await batch.ExecuteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return token;
    }

    public async Task<HandoffGrant?> RedeemAsync(string token, CancellationToken cancellationToken = default)
    {
        // One atomic read-and-delete: of two nodes redeeming the same token at once, one gets it, the other nothing.
        var value = await redis.Database.StringGetDeleteAsync(TokenKey(token)).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize((string)value!, ClusterJsonContext.Default.StoredHandoff);
        var start = stored?.Start.Deserialize(Protocol.Serialization.ProtocolJsonContext.Default.StartPayload);
        return stored is null || start is null ? null : new HandoffGrant(stored.TeamspaceId, stored.ApiKeyId, start);
    }

    public async Task RevokeKeyAsync(string apiKeyId, CancellationToken cancellationToken = default)
    {
        var byKey = KeyTokens(apiKeyId);
        var tokens = await redis.Database.SetMembersAsync(byKey).WaitAsync(cancellationToken).ConfigureAwait(false);
        var keys = tokens.Select(t => (RedisKey)(string)t!).Append(byKey).ToArray();
        await redis.Database.KeyDeleteAsync(keys).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private RedisKey TokenKey(string token) => redis.Key("handoff:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))));

    private RedisKey KeyTokens(string apiKeyId) => redis.Key("handoff-by-key:" + apiKeyId);
}
