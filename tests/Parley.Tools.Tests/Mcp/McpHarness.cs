using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Storage.Agents;
using Parley.Tools.Mcp;

namespace Parley.Tools.Tests.Mcp;

/// <summary>The MCP tool source as the server registers it, from configuration, with its logs captured.</summary>
internal sealed class McpHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public McpHarness(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? AllowDotnet).Build();
        _services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace))
            .AddParleyMcpTools(configuration)
            .BuildServiceProvider();
        Source = _services.GetServices<IToolSource>().Single();
    }

    /// <summary>Configuration that lets the stdio test server start.</summary>
    public static IReadOnlyDictionary<string, string?> AllowDotnet { get; } =
        new Dictionary<string, string?> { ["Parley:Tools:Mcp:AllowedCommands:0"] = "dotnet" };

    public CapturedLogs Logs { get; } = new();

    public IToolSource Source { get; }

    /// <summary>The tools of an agent with these <c>mcp_servers</c> entries.</summary>
    public ValueTask<ToolSet> GetToolsAsync(params JsonElement[] entries) => GetToolsAsync(CancellationToken.None, entries);

    public ValueTask<ToolSet> GetToolsAsync(CancellationToken cancellationToken, params JsonElement[] entries) =>
        Source.GetToolsAsync(new ToolContext("ts_test", new AgentSpec { McpServers = entries }, [], [], NoToolEvents.Instance), cancellationToken);

    public void Dispose() => _services.Dispose();
}
