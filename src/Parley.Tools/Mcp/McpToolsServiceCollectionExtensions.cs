using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Storage.Secrets;
using Parley.Tools.Outbound;
using Parley.Tools.Secrets;

namespace Parley.Tools.Mcp;

/// <summary>Registers the MCP tool source.</summary>
public static class McpToolsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the tools of agents' MCP servers, with options from <c>Parley:Tools:Mcp</c> and the outbound guard of
    /// <c>Parley:Outbound</c>; needs the storage services (secrets fill headers), a <c>TimeProvider</c> and logging.
    /// </summary>
    public static IServiceCollection AddParleyMcpTools(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = (configuration.GetSection(McpToolOptions.SectionName).Get<McpToolOptions>() ?? new McpToolOptions()).Validate();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddParleyOutbound(configuration);
        services.AddParleySecrets();
        services.TryAddSingleton<SecretGate>();
        services.AddGuardedHttpClient(McpClientConnector.HttpClientName);
        services.AddSingleton<McpClientConnector>();
        services.AddSingleton<IToolSource, McpToolSource>();
        return services;
    }
}
