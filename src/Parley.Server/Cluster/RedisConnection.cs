using StackExchange.Redis;

namespace Parley.Server.Cluster;

/// <summary>This node's one connection to the cluster's Redis (StackExchange.Redis multiplexes every caller over it), and the cluster's key names.</summary>
/// <remarks>
/// It does not fail the start when Redis is away: the client reconnects by itself, the readiness check answers 503
/// meanwhile, and each use fails with a <see cref="RedisException"/> that the API turns into a 500.
/// </remarks>
internal sealed class RedisConnection : IDisposable
{
    private readonly string _prefix;

    public RedisConnection(ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = ConfigurationOptions.Parse(options.Redis ?? throw new InvalidOperationException("No Redis is configured (PARLEY_REDIS)."));
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= options.NodeName;
        Multiplexer = ConnectionMultiplexer.Connect(configuration);
        _prefix = options.KeyPrefix;
    }

    public ConnectionMultiplexer Multiplexer { get; }

    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>The Redis key of <paramref name="name"/> for this cluster.</summary>
    public RedisKey Key(string name) => _prefix + name;

    /// <summary>The pub/sub channel <paramref name="name"/> of this cluster.</summary>
    public RedisChannel Channel(string name) => RedisChannel.Literal(_prefix + name);

    /// <summary>Null when Redis answers a PING in time; otherwise what is wrong (for the readiness check).</summary>
    public async Task<string?> CheckAsync(TimeSpan timeout)
    {
        try
        {
            await Database.PingAsync().WaitAsync(timeout).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return $"Redis does not answer: {ex.Message}";
        }
    }

    public void Dispose() => Multiplexer.Dispose();
}
