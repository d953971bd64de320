using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Client.Http;

namespace Parley.Client;

/// <summary>Registers <see cref="ParleyClient"/> as a typed client of <c>IHttpClientFactory</c>.</summary>
public static class ParleyServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ParleyClient"/> (transient, on a pooled handler with <see cref="ParleyRetryHandler"/>) configured by <paramref name="configure"/>.</summary>
    /// <returns>The client's builder, to add handlers or change the primary handler.</returns>
    public static IHttpClientBuilder AddParleyClient(this IServiceCollection services, Action<ParleyClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return services
            .AddHttpClient(nameof(ParleyClient), (provider, http) => ParleyClient.Configure(http, provider.GetRequiredService<IOptions<ParleyClientOptions>>().Value))
            .AddHttpMessageHandler(provider => new ParleyRetryHandler(provider.GetRequiredService<IOptions<ParleyClientOptions>>().Value.Retry))
            .AddTypedClient(http => new ParleyClient(http));
    }
}
