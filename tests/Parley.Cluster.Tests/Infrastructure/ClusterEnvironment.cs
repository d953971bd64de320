namespace Parley.Cluster.Tests.Infrastructure;

/// <summary>The servers scripts/test.sh starts for these tests: PostgreSQL, Redis, and nginx in front of two node ports.</summary>
public sealed record ClusterEnvironment(string Postgres, string Redis, Uri Proxy, int[] NodePorts)
{
    /// <summary>The environment, or null when a variable is missing (the tests are then skipped, saying which).</summary>
    public static ClusterEnvironment? Find(out string? missing)
    {
        var postgres = Environment.GetEnvironmentVariable("PARLEY_TEST_POSTGRES");
        var redis = Environment.GetEnvironmentVariable("PARLEY_TEST_REDIS");
        var proxy = Environment.GetEnvironmentVariable("PARLEY_TEST_NGINX");
        var ports = Environment.GetEnvironmentVariable("PARLEY_TEST_NODE_PORTS");
        missing = postgres is null ? "PARLEY_TEST_POSTGRES" : redis is null ? "PARLEY_TEST_REDIS" : proxy is null ? "PARLEY_TEST_NGINX" : ports is null ? "PARLEY_TEST_NODE_PORTS" : null;
        if (missing is not null)
        {
            return null;
        }

        return new ClusterEnvironment(postgres!, redis!, new Uri(proxy!), [.. ports!.Split(',').Select(int.Parse)]);
    }
}
