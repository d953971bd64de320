using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Parley.Server.Telephony;
using StackExchange.Redis;

namespace Parley.Server.Cluster;

/// <summary>Stream tokens in Redis: issued by the node the carrier's webhook reached, redeemed once by the node its stream reaches (<c>GETDEL</c>).</summary>
/// <remarks>
/// As <see cref="RedisHandoffTokenStore"/>: keys are the SHA-256 of the token (a dump holds nothing a carrier could
/// present), Redis expires them on time, and one atomic read-and-delete means two nodes never both redeem a token.
/// </remarks>
internal sealed class RedisStreamTokenStore(RedisConnection redis) : IStreamTokenStore
{
    public async Task<string> IssueAsync(StreamGrant grant, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var token = IStreamTokenStore.Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var stored = JsonSerializer.Serialize(
            new StoredStreamGrant(
                grant.TeamspaceId, grant.SessionKeyId, JsonSerializer.SerializeToElement(grant.Start, Protocol.Serialization.ProtocolJsonContext.Default.StartPayload),
                grant.CallId, grant.Carrier, grant.Greeting),
            ClusterJsonContext.Default.StoredStreamGrant);
        await redis.Database.StringSetAsync(TokenKey(token), stored, lifetime).WaitAsync(cancellationToken).ConfigureAwait(false);
        return token;
    }

    public async Task<StreamGrant?> RedeemAsync(string? token, string carrier, CancellationToken cancellationToken = default)
    {
        if (token is null)
        {
            return null;
        }

        // Taken whatever its carrier: a token presented on the wrong carrier's socket is spent, as in memory.
        var value = await redis.Database.StringGetDeleteAsync(TokenKey(token)).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize((string)value!, ClusterJsonContext.Default.StoredStreamGrant);
        var start = stored?.Start.Deserialize(Protocol.Serialization.ProtocolJsonContext.Default.StartPayload);
        return stored is null || start is null || stored.Carrier != carrier
            ? null
            : new StreamGrant(stored.TeamspaceId, stored.SessionKeyId, start, stored.CallId, stored.Carrier, stored.Greeting);
    }

    private RedisKey TokenKey(string token) => redis.Key("stream-token:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))));
}
