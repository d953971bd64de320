namespace Parley.Server.Cluster;

/// <summary>How this node shares state with the others and how it drains; bound from <c>Parley:Cluster</c>, with <c>PARLEY_REDIS</c> (or <c>Parley:Redis</c>).</summary>
/// <remarks>
/// Without <see cref="Redis"/> the node keeps handoff tokens, rate-limit windows, failed sign-ins, session counts and
/// conversation locks in its own memory, which is right for one node and wrong for two: every node of a cluster must
/// name the same Redis.
/// </remarks>
public sealed record ClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Parley:Cluster";

    /// <summary>A StackExchange.Redis configuration string (<c>redis:6379</c>, <c>host:6379,password=...,ssl=true</c>); null for one node on its own.</summary>
    public string? Redis { get; init; }

    /// <summary>This node's name in logs and in the claims it holds on shared work; by default the host name and process id.</summary>
    public string NodeName { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Prefix of every Redis key this cluster uses, so several clusters can share one Redis.</summary>
    public string KeyPrefix { get; init; } = "parley:";

    /// <summary>
    /// How long a node's hold on a conversation (and on a per-key session slot) outlives the node: it is renewed every
    /// third of this while the session runs, so a node that dies frees the conversation within this time.
    /// </summary>
    public TimeSpan SessionLease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>On SIGTERM: how long live sessions may go on to finish the reply being spoken before they are ended (close 1012).</summary>
    public TimeSpan DrainGrace { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Whether state is shared through Redis.</summary>
    public bool UsesRedis => Redis is not null;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting out of range.</summary>
    public ClusterOptions Validate()
    {
        Require(!string.IsNullOrWhiteSpace(NodeName), nameof(NodeName), "a name");
        Require(!string.IsNullOrEmpty(KeyPrefix), nameof(KeyPrefix), "a prefix");
        Require(SessionLease >= TimeSpan.FromSeconds(1), nameof(SessionLease), "at least 1 s");
        Require(DrainGrace >= TimeSpan.Zero, nameof(DrainGrace), "zero or more");
        return this;
    }

    /// <summary>Reads the options: <c>PARLEY_REDIS</c> wins over <c>Parley:Redis</c> and <c>Parley:Cluster:Redis</c>.</summary>
    public static ClusterOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(Section).Get<ClusterOptions>() ?? new ClusterOptions();
        var redis = configuration["PARLEY_REDIS"] ?? configuration["Parley:Redis"] ?? options.Redis;
        return options with { Redis = string.IsNullOrWhiteSpace(redis) ? null : redis.Trim() };
    }

    private static void Require(bool valid, string name, string what)
    {
        if (!valid)
        {
            throw new InvalidOperationException($"{Section}:{name} must be {what}.");
        }
    }
}
