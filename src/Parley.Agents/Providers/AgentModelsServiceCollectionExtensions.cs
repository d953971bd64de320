using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Agents.Providers;

// In the container's namespace, like the framework's own Add* methods, so hosts need no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the language models that answer agents.</summary>
public static class AgentModelsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="AgentModelOptions"/> from <c>Parley:Agents</c>, validates them now (a bad URL or an unknown
    /// type throws at start-up) and registers <see cref="ConfiguredChatClients"/> as <see cref="IAgentChatClients"/>.
    /// </summary>
    public static IServiceCollection AddParleyAgentModels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(AgentModelOptions.SectionName).Get<AgentModelOptions>() ?? new AgentModelOptions();
        AgentModelOptionsValidator.Validate(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IAgentChatClients, ConfiguredChatClients>();
        return services;
    }
}
