using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Sessions.Orchestration;
using Parley.Storage.Orchestration;

// In the container's namespace, like the framework's own Add* methods, so hosts need no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers background tasks: their store, the orchestrator sessions and the API use, and the worker that runs them.</summary>
public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="OrchestratorOptions"/> from <c>Parley:Orchestrator</c> and validates them now; needs the
    /// database, the agent store, an <c>IAgentFactory</c> and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddParleyOrchestration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = (configuration.GetSection(OrchestratorOptions.Section).Get<OrchestratorOptions>() ?? new OrchestratorOptions()).Validate();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OrchestratorTaskStore>();
        services.AddSingleton<TaskWorkBoard>();
        services.AddSingleton<TaskNotifications>();
        services.AddSingleton<TaskRunner>();
        services.AddSingleton<TaskOrchestrator>();
        services.AddHostedService<OrchestratorTaskWorker>();
        return services;
    }
}
