using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Parley.Cluster.Tests.Infrastructure;

/// <summary>
/// A two-node Parley cluster on loopback: both nodes on one fresh PostgreSQL database and one Redis (under a key prefix of
/// its own), nginx in front (started by scripts/test.sh on the ports it chose). Tests kill, drain and restart nodes;
/// <see cref="EnsureRunningAsync"/> brings back whatever a test left down.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string OperatorKey = "pk_cluster_test_0123456789abcdef0123456789";

    /// <summary>Settings that make leases, windows and polls short enough to watch in a test; the rest are the defaults.</summary>
    public const int RequestsPerWindow = 60;
    public const int FailedSignInLimit = 5;
    public const int SessionsPerKey = 2;
    public static readonly TimeSpan SessionLease = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan HandoffLifetime = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan IngestionLease = TimeSpan.FromSeconds(3);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "parley-cluster-tests", Guid.NewGuid().ToString("N"));
    private string? _database;
    private string? _adminConnection;

    public ClusterEnvironment? Environment { get; private set; }

    /// <summary>Why the cluster cannot run here, when it cannot.</summary>
    public string? Missing { get; private set; }

    public NodeLog Log { get; } = new();

    public IReadOnlyList<ParleyNode> Nodes { get; private set; } = [];

    /// <summary>The load balancer's address.</summary>
    public Uri Proxy => Environment!.Proxy;

    /// <summary>A connection string to the cluster's database.</summary>
    public string DatabaseConnection { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Environment = ClusterEnvironment.Find(out var missing);
        Missing = missing;
        if (Environment is null)
        {
            return;
        }

        _database = "parley_cluster_" + Guid.NewGuid().ToString("N")[..12];
        _adminConnection = new NpgsqlConnectionStringBuilder(Environment.Postgres) { Database = "postgres" }.ConnectionString;
        await using (var admin = new NpgsqlConnection(_adminConnection))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database};", admin);
            await create.ExecuteNonQueryAsync();
        }

        DatabaseConnection = new NpgsqlConnectionStringBuilder(Environment.Postgres) { Database = _database }.ConnectionString;
        var prefix = $"parley-test-{Guid.NewGuid():N}:";
        Nodes = [.. Environment.NodePorts.Select((port, i) => new ParleyNode(i == 0 ? "node-a" : "node-b", port, Arguments(i == 0 ? "node-a" : "node-b", port, prefix), Log))];

        // The first node migrates the schema; the second starts beside it (migrations hold an advisory lock).
        await Task.WhenAll(Nodes.Select(n => n.StartAsync()));
    }

    /// <summary>Starts every node that is not running.</summary>
    public async Task EnsureRunningAsync()
    {
        foreach (var node in Nodes.Where(n => !n.IsRunning))
        {
            await node.StartAsync();
        }
    }

    public ParleyNode Other(ParleyNode node) => Nodes.Single(n => n != node);

    /// <summary>The node whose log says it started session <paramref name="sessionId"/>.</summary>
    public async Task<ParleyNode> NodeOfSessionAsync(string sessionId)
    {
        var line = await Log.WaitForAsync($"Voice session {sessionId} started", timeout: TimeSpan.FromSeconds(10));
        return Nodes.Single(n => n.Name == line.Source);
    }

    /// <summary>A new teamspace with a key of its own (so each test has its own rate-limit window and session slots).</summary>
    public async Task<string> NewKeyAsync() => (await NewKeyWithIdAsync()).Key;

    /// <summary>As <see cref="NewKeyAsync"/>, with the key's id and teamspace (to revoke it).</summary>
    public async Task<(string Key, string Id, string Teamspace)> NewKeyWithIdAsync()
    {
        using var http = Http(Nodes[0].BaseAddress, OperatorKey);
        var teamspace = "cl-" + Guid.NewGuid().ToString("N")[..10];
        using var response = await http.PostAsJsonAsync("/v1/keys", new { name = "cluster test", teamspace_id = teamspace });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("key").GetString()!, body.RootElement.GetProperty("id").GetString()!, teamspace);
    }

    /// <summary>An HTTP client of one node (or the proxy) with a key.</summary>
    public static HttpClient Http(Uri baseAddress, string? key)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    /// <summary>Runs one query on the cluster's database.</summary>
    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        if (_adminConnection is not null)
        {
            await using var admin = new NpgsqlConnection(_adminConnection);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE);", admin);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string[] Arguments(string name, int port, string prefix) =>
    [
        "--urls", $"http://127.0.0.1:{port}",
        "--PARLEY_API_KEY", OperatorKey,
        "--PARLEY_DATA_DIR", Path.Combine(_root, name),
        "--PARLEY_POSTGRES", DatabaseConnection,
        "--PARLEY_REDIS", Environment!.Redis,
        "--Parley:Cluster:NodeName", name,
        "--Parley:Cluster:KeyPrefix", prefix,
        "--Parley:Cluster:SessionLease", SessionLease.ToString(),
        "--Parley:Cluster:DrainGrace", "00:00:20",
        "--Parley:Api:RequestsPerWindow", RequestsPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--Parley:Api:FailedAuthLimit", FailedSignInLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--Parley:Api:HandoffTokenLifetime", HandoffLifetime.ToString(),
        "--Parley:Sessions:MaxSessionsPerKey", SessionsPerKey.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--Parley:Knowledge:IngestionLease", IngestionLease.ToString(),
        "--Parley:Knowledge:IngestionPollInterval", "00:00:00.500",
        "--Parley:Engines:PocketSphinx:MinDecoders", "1",
        "--Logging:LogLevel:Default", "Warning",
        "--Logging:LogLevel:Parley.Sessions.VoiceSession", "Information",
        "--Logging:LogLevel:Parley.Server.Cluster", "Information",
        "--Logging:LogLevel:Parley.Knowledge", "Information",
        "--Logging:Console:FormatterName", "simple",
        "--Logging:Console:FormatterOptions:SingleLine", "true",
        "--Logging:Console:FormatterOptions:TimestampFormat", "HH:mm:ss.fff ",
    ];
}
