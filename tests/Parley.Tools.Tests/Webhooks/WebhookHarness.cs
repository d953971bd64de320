using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Protocol.Payloads;
using Parley.Storage;
using Parley.Storage.Agents;
using Parley.Storage.Database;
using Parley.Storage.Secrets;
using Parley.Storage.Teamspaces;
using Parley.Tools.Outbound;
using Parley.Tools.Webhooks;

namespace Parley.Tools.Tests.Webhooks;

/// <summary>Webhook tools wired as the server wires them (<c>AddParleyWebhooks</c>), over a fresh SQLite database in a teamspace of their own.</summary>
internal sealed class WebhookHarness : IAsyncDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "parley-webhook-tests", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;

    private WebhookHarness(IReadOnlyList<string> allowedHosts)
    {
        var settings = allowedHosts.Select((host, i) => KeyValuePair.Create<string, string?>($"{OutboundOptions.Section}:AllowedHosts:{i}", host));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new StorageOptions { DataDirectory = _dataDirectory });
        services.AddSingleton<ParleyDatabase>();
        services.AddParleyWebhooks(configuration);
        _services = services.BuildServiceProvider();
    }

    public string TeamspaceId { get; } = Ids.New();

    public SecretStore Secrets => _services.GetRequiredService<SecretStore>();

    public IServiceProvider Services => _services;

    /// <summary>A harness whose guard allows <paramref name="allowedHosts"/>.</summary>
    public static async Task<WebhookHarness> StartAsync(params string[] allowedHosts)
    {
        var harness = new WebhookHarness(allowedHosts);
        var database = harness._services.GetRequiredService<ParleyDatabase>();
        await database.MigrateAsync();
        await new TeamspaceStore(database, TimeProvider.System).EnsureAsync(harness.TeamspaceId, "webhooks");
        return harness;
    }

    /// <summary>The tools an agent with these webhooks gets from the webhook tool source.</summary>
    public async Task<IReadOnlyList<AIFunction>> ToolsAsync(params AgentWebhook[] webhooks)
    {
        var source = _services.GetServices<IToolSource>().OfType<WebhookToolSource>().Single();
        var context = new ToolContext(TeamspaceId, new AgentSpec { Webhooks = webhooks }, [], [], new SilentEvents());
        var set = await source.GetToolsAsync(context);
        Assert.Empty(set.Resources);
        return [.. set.Tools.Cast<AIFunction>()];
    }

    /// <summary>Calls the one tool of an agent with this webhook; the result as JSON.</summary>
    public async Task<JsonElement> CallAsync(AgentWebhook webhook, AIFunctionArguments? arguments = null, CancellationToken cancellationToken = default)
    {
        var tool = Assert.Single(await ToolsAsync(webhook));
        var result = await tool.InvokeAsync(arguments ?? [], cancellationToken);
        return Assert.IsType<JsonElement>(result);
    }

    /// <summary>A schema declaring these string arguments.</summary>
    public static JsonElement Schema(params string[] names)
        => JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["type"] = "object",
            ["properties"] = names.ToDictionary(n => n, _ => new Dictionary<string, string> { ["type"] = "string" }),
        });

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class SilentEvents : IToolEvents
    {
        public void OnCitations(IReadOnlyList<Citation> citations)
        {
        }

        public void OnEndCallRequested()
        {
        }
    }
}
