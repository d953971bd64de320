using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Parley.Tools.Mcp;

/// <summary>Registers the MCP tool source.</summary>
public static class McpToolsServiceCollectionExtensions
{
    /// <summary>Adds the tools of agents' MCP servers, with options from <c>Parley:Tools:Mcp</c>; needs a <c>TimeProvider</c> and logging.</summary>
    public static IServiceCollection AddParleyMcpTools(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = (configuration.GetSection(McpToolOptions.SectionName).Get<McpToolOptions>() ?? new McpToolOptions()).Validate();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<McpClientConnector>();
        services.AddSingleton<IToolSource, McpToolSource>();
        return services;
    }
}
