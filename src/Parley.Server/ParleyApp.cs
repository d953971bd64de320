using Parley.Knowledge;
using Parley.Server.Agents;
using Parley.Server.Api;
using Parley.Server.Bootstrap;
using Parley.Server.Cluster;
using Parley.Server.Configuration;
using Parley.Server.Converse;
using Parley.Server.Conversations;
using Parley.Server.Engines;
using Parley.Server.Files;
using Parley.Server.Health;
using Parley.Server.Keys;
using Parley.Server.Knowledge;
using Parley.Server.Messages;
using Parley.Server.OpenApi;
using Parley.Server.Orchestration;
using Parley.Server.Secrets;
using Parley.Server.Speech;
using Parley.Server.Telemetry;
using Parley.Server.Telephony;
using Parley.Server.Tools;
using Parley.Server.VoiceConsole;
using Parley.Server.Voice;
using Parley.Server.VoiceSessions;
using Parley.Server.Webhooks;
using Parley.Tools.Outbound;
using Parley.Sessions;
using Parley.Sessions.Agents;
using Parley.Storage.Agents;
using Parley.Storage.ApiKeys;
using Parley.Storage.Conversations;
using Parley.Storage.Database;
using Parley.Storage.Messages;
using Parley.Storage.Teamspaces;
using Parley.Tools.Mcp;
using Parley.Tools.Webhooks;

namespace Parley.Server;

/// <summary>Builds the Parley web application; used by <c>Program</c> and by tests that run the real server on a loopback port.</summary>
public static class ParleyApp
{
    /// <summary>Creates the application, ready to start.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The content root is the application's own folder, wherever it is started from: appsettings.json is read from
        // there, not from the working directory (which would silently run with code defaults).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(ParleyServerOptions.DefaultUrl);
        }

        var options = ParleyServerOptions.From(builder.Configuration);
        options.Validate();
        var apiOptions = builder.Configuration.GetSection("Parley:Api").Get<ApiOptions>() ?? new ApiOptions();
        apiOptions.Validate();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = apiOptions.MaxUploadBytes);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(apiOptions);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(builder.Configuration.GetSection("Parley:Sessions").Get<VoiceSessionOptions>() ?? new VoiceSessionOptions());
        services.AddParleySpeech(builder.Configuration);
        AddStorage(services, options);
        services.AddSingleton<Bootstrapper>();
        services.AddSingleton<CredentialHeaderUpgrade>();
        services.AddSingleton<EngineHost>();
        services.AddHostedService<EngineLoader>();
        services.AddSingleton<IAgentFactory, AgentFactory>();
        services.AddSingleton<Parley.Tools.Toolbox>();

        // What nodes share (Redis) or keep to themselves (one node): before the tools, which ask for secrets.
        var cluster = ClusterOptions.From(builder.Configuration);
        services.AddParleyCluster(cluster);

        // The agent's brain: which chat client answers an agent's llm_model.
        services.AddParleyAgentModels(builder.Configuration);

        // Tool sources, one line each; the order is the order tools are offered in.
        services.AddSingleton<Parley.Tools.IToolSource, Parley.Tools.BuiltIn.BuiltInToolSource>();
        services.AddParleyWebhooks(builder.Configuration);
        services.AddSingleton<Parley.Tools.IToolSource, Parley.Tools.Knowledge.KnowledgeSearchToolSource>();
        services.AddSingleton<Parley.Tools.IToolSource, Parley.Tools.Calls.EndCallToolSource>();
        services.AddParleyMcpTools(builder.Configuration);
        services.AddSingleton<IStartReferenceCheck, UnheldReferenceCheck>();
        services.AddSingleton<IStartReferenceCheck, FileReferenceCheck>();
        services.AddSingleton<KnowledgeReferenceCheck>();
        services.AddSingleton<IStartReferenceCheck>(sp => sp.GetRequiredService<KnowledgeReferenceCheck>());
        services.AddSingleton<TokenAuthenticator>();
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<AuthFailureThrottle>();
        services.AddHostedService<RevokedKeyWatcher>();
        services.AddSingleton<VoiceSessionServicesProvider>();
        services.AddSingleton<ApiRateLimiter>();
        services.AddParleyOpenApi();
        services.AddParleyKnowledge((builder.Configuration.GetSection(KnowledgeOptions.Section).Get<KnowledgeOptions>() ?? new KnowledgeOptions())
            with { DataDirectory = options.DataDirectory, NodeName = cluster.NodeName });
        services.AddParleyTelemetry(builder.Configuration);
        AddFiles(services, builder.Configuration, options);
        AddMemory(services, builder.Configuration);
        AddWebhooks(services, builder.Configuration);
        services.AddParleyTelephony(builder.Configuration);
        services.AddParleyOrchestration(builder.Configuration);
        services.AddSingleton<Parley.Sessions.Converse.ConverseRunner>();

        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.UseParleyApi();
        app.MapHealth();
        app.MapParleyMetrics();
        app.MapVoice();
        app.MapParleyOpenApi();
        app.MapConsole();
        app.MapTelephony();
        var api = app.MapGroup(ApiPipeline.Prefix);
        api.MapVoiceSessions();
        api.MapAgents();
        api.MapConversations();
        api.MapMessages();
        api.MapTools();
        api.MapKeys();
        api.MapKnowledge();
        api.MapSecrets();
        api.MapFiles();
        api.MapWebhooks();
        api.MapPhoneNumbers();
        api.MapCalls();
        api.MapOrchestratorTasks();
        api.MapConverse();
        return app;
    }

    /// <summary>Prepares storage and the bootstrap key; returns what the operator must be told.</summary>
    public static async Task<string> BootstrapAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var result = await app.Services.GetRequiredService<Bootstrapper>().RunAsync(cancellationToken).ConfigureAwait(false);
        return result switch
        {
            { NewKey: { } key } => $"API key (shown once, stored hashed; keep it): {key}",
            { FromEnvironment: true } => "API key: the one in PARLEY_API_KEY",
            _ => "API key: the one printed on first start (stored hashed; set PARLEY_API_KEY to choose one)",
        };
    }

    private static void AddFiles(IServiceCollection services, IConfiguration configuration, ParleyServerOptions options)
    {
        services.AddSingleton((configuration.GetSection(FilesOptions.Section).Get<FilesOptions>() ?? new FilesOptions()).Validate());
        services.AddSingleton((configuration.GetSection(Parley.Sessions.Recording.RecordingOptions.Section).Get<Parley.Sessions.Recording.RecordingOptions>()
            ?? new Parley.Sessions.Recording.RecordingOptions()).Validate());
        services.AddSingleton<Parley.Storage.Files.FileStore>();
        services.AddSingleton(sp => Parley.Storage.Files.FileContentStores.For(sp.GetRequiredService<ParleyDatabase>(), options.DataDirectory));
        services.AddSingleton<FileService>();
        services.AddSingleton<Parley.Sessions.Recording.SessionRecordings>();
        services.AddSingleton<FileSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<FileSweeper>());
    }

    private static void AddMemory(IServiceCollection services, IConfiguration configuration)
    {
        var memory = (configuration.GetSection(Memory.MemoryOptions.Section).Get<Memory.MemoryOptions>() ?? new Memory.MemoryOptions()).Validate();
        services.AddHostedService(sp => new Memory.NativeHeapTrimmer(
            memory, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Memory.NativeHeapTrimmer>>(), Parley.Engines.Memory.NativeHeap.ReleaseFreedMemory));
    }

    private static void AddWebhooks(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton((configuration.GetSection(WebhookDeliveryOptions.Section).Get<WebhookDeliveryOptions>() ?? new WebhookDeliveryOptions()).Validate());
        services.AddParleyOutbound(configuration);
        Parley.Storage.Secrets.SecretServiceCollectionExtensions.AddParleySecrets(services);
        services.AddGuardedHttpClient(WebhookDispatcher.HttpClientName);
        services.AddSingleton<Parley.Storage.Webhooks.WebhookStore>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<WebhookPublisher>();
        services.AddSingleton<Parley.Sessions.Lifecycle.ISessionObserver>(sp => sp.GetRequiredService<WebhookPublisher>());
        services.AddSingleton<Parley.Knowledge.Ingestion.IKnowledgeEvents>(sp => sp.GetRequiredService<WebhookPublisher>());
    }

    private static void AddStorage(IServiceCollection services, ParleyServerOptions options)
    {
        services.AddSingleton(options.Storage);
        services.AddSingleton<ParleyDatabase>();
        services.AddSingleton<TeamspaceStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<AgentStore>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<MessageStore>();
    }
}
