using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Storage.Secrets;
using Parley.Tools.Outbound;
using Parley.Tools.Secrets;

namespace Parley.Tools.Webhooks;

/// <summary>Registers webhook tools: the tool source, the guarded HTTP client, and the secrets their headers refer to.</summary>
public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Adds webhook tools with options from <c>Parley:Tools:Webhooks</c> and the outbound guard of <c>Parley:Outbound</c>
    /// (and secrets, if not added yet); needs the storage services and a <c>TimeProvider</c>.
    /// </summary>
    public static IServiceCollection AddParleyWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = (configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions()).Validate();
        services.AddSingleton(options);
        services.AddParleyOutbound(configuration);
        services.AddParleySecrets();
        services.TryAddSingleton<SecretGate>();
        services.AddGuardedHttpClient(WebhookClient.HttpClientName);
        services.TryAddSingleton<WebhookClient>();
        services.AddSingleton<IToolSource, WebhookToolSource>();
        return services;
    }
}
