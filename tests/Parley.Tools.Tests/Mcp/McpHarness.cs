using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Storage;
using Parley.Storage.Agents;
using Parley.Storage.Database;
using Parley.Storage.Secrets;
using Parley.Storage.Teamspaces;
using Parley.Tools.Mcp;
using Parley.Tools.Outbound;

namespace Parley.Tools.Tests.Mcp;

/// <summary>The MCP tool source as the server registers it, from configuration, over a fresh SQLite database (secrets fill headers), with its logs captured.</summary>
internal sealed class McpHarness : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "parley-mcp-tests", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;
    private readonly SemaphoreSlim _prepare = new(1, 1);
    private bool _prepared;

    /// <param name="settings">Configuration; <see cref="Defaults"/> when null.</param>
    /// <param name="resolve">A DNS of the test's own for the outbound guard; the system's when null.</param>
    public McpHarness(IReadOnlyDictionary<string, string?>? settings = null, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? Defaults).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace))
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new StorageOptions { DataDirectory = _dataDirectory })
            .AddSingleton<ParleyDatabase>();
        if (resolve is not null)
        {
            services.AddSingleton(new OutboundAddressGuard(OutboundOptions.From(configuration), resolve));
        }

        _services = services.AddParleyMcpTools(configuration).BuildServiceProvider();
        Source = _services.GetServices<IToolSource>().Single();
    }

    /// <summary>Configuration that lets the stdio test server start and the HTTP test servers on 127.0.0.1 be reached.</summary>
    public static IReadOnlyDictionary<string, string?> Defaults { get; } = WithLoopback();

    public CapturedLogs Logs { get; } = new();

    public IToolSource Source { get; }

    public string TeamspaceId { get; } = Ids.New();

    /// <summary>Configuration allowing the dotnet command and these hosts (none: only public addresses).</summary>
    public static IReadOnlyDictionary<string, string?> With(params string[] allowedHosts)
    {
        var settings = new Dictionary<string, string?> { ["Parley:Tools:Mcp:AllowedCommands:0"] = "dotnet" };
        for (var i = 0; i < allowedHosts.Length; i++)
        {
            settings[$"{OutboundOptions.Section}:AllowedHosts:{i}"] = allowedHosts[i];
        }

        return settings;
    }

    /// <summary>Configuration allowing the dotnet command and the test servers on 127.0.0.1, and more settings.</summary>
    public static IReadOnlyDictionary<string, string?> WithLoopback(params (string Key, string Value)[] more)
        => new Dictionary<string, string?>(With("127.0.0.1").Concat(more.Select(m => KeyValuePair.Create<string, string?>(m.Key, m.Value))));

    /// <summary>Stores a secret in the harness's teamspace.</summary>
    public async Task CreateSecretAsync(string name, string value, IReadOnlyList<string>? allowedHosts = null)
    {
        await PrepareAsync(CancellationToken.None);
        Assert.NotNull(await _services.GetRequiredService<SecretStore>().CreateAsync(TeamspaceId, name, value, allowedHosts));
    }

    /// <summary>The tools of an agent with these <c>mcp_servers</c> entries.</summary>
    public ValueTask<ToolSet> GetToolsAsync(params JsonElement[] entries) => GetToolsAsync(CancellationToken.None, entries);

    public async ValueTask<ToolSet> GetToolsAsync(CancellationToken cancellationToken, params JsonElement[] entries)
    {
        await PrepareAsync(CancellationToken.None);
        return await Source.GetToolsAsync(new ToolContext(TeamspaceId, new AgentSpec { McpServers = entries }, [], [], NoToolEvents.Instance), cancellationToken);
    }

    public void Dispose()
    {
        _services.Dispose();
        _prepare.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await _prepare.WaitAsync(cancellationToken);
        try
        {
            if (!_prepared)
            {
                var database = _services.GetRequiredService<ParleyDatabase>();
                await database.MigrateAsync(cancellationToken);
                await new TeamspaceStore(database, TimeProvider.System).EnsureAsync(TeamspaceId, "mcp", cancellationToken);
                _prepared = true;
            }
        }
        finally
        {
            _prepare.Release();
        }
    }
}
