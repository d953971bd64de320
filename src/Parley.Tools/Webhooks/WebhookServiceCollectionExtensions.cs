using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Storage.Secrets;

namespace Parley.Tools.Webhooks;

/// <summary>Registers webhook tools: the tool source, the guarded HTTP client, and the secrets their headers refer to.</summary>
public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Adds webhook tools with options from <c>Parley:Tools:Webhooks</c> (and secrets, if not added yet); needs the
    /// storage services and a <c>TimeProvider</c>.
    /// </summary>
    public static IServiceCollection AddParleyWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = (configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions()).Validate();
        services.AddSingleton(options);
        services.AddSingleton<WebhookTargetGuard>();
        services.AddParleySecrets();
        services.AddHttpClient(WebhookClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // Every connection goes through the guard, to the address it checked.
                ConnectCallback = sp.GetRequiredService<WebhookTargetGuard>().ConnectAsync,
                // A proxy would resolve the host itself, out of the guard's sight; a redirect would carry the secrets elsewhere.
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            // The default loggers write each request's URL, whose query holds the caller's arguments; WebhookClient logs the host only.
            .RemoveAllLoggers();
        services.TryAddSingleton<WebhookClient>();
        services.AddSingleton<IToolSource, WebhookToolSource>();
        return services;
    }
}
