using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Parley.Tools.Outbound;

/// <summary>Registers the outbound guard and the HTTP clients that go through it; every caller of user-chosen URLs takes its client from here.</summary>
public static class OutboundServiceCollectionExtensions
{
    /// <summary>Adds <see cref="OutboundOptions"/> (from <c>Parley:Outbound</c> and the older webhook key) and the <see cref="OutboundAddressGuard"/>, once.</summary>
    public static IServiceCollection AddParleyOutbound(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!services.Any(d => d.ServiceType == typeof(OutboundOptions)))
        {
            // Read and validated now, so a bad entry stops the server before it starts.
            services.AddSingleton(OutboundOptions.From(configuration));
        }

        services.TryAddSingleton(sp => new OutboundAddressGuard(sp.GetRequiredService<OutboundOptions>()));
        return services;
    }

    /// <summary>
    /// Adds the named <see cref="HttpClient"/> <paramref name="name"/>: every connection through the guard, no proxy, no
    /// redirects, no cookies, no timeout of its own (callers bound their calls), and no request logging (URLs may hold
    /// arguments). Needs <see cref="AddParleyOutbound"/>.
    /// </summary>
    public static IHttpClientBuilder AddGuardedHttpClient(this IServiceCollection services, string name)
        => services.AddHttpClient(name, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // Every connection goes through the guard, to the address it checked.
                ConnectCallback = sp.GetRequiredService<OutboundAddressGuard>().ConnectAsync,
                // A proxy would resolve the host itself, out of the guard's sight; a redirect would carry the headers (and their secrets) elsewhere.
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            // The default loggers write each request's URL, whose query may hold a caller's arguments.
            .RemoveAllLoggers();
}
