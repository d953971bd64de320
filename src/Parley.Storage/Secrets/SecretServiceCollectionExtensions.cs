using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Storage.Database;

namespace Parley.Storage.Secrets;

/// <summary>Registers secrets: their store and the protector that encrypts their values.</summary>
public static class SecretServiceCollectionExtensions
{
    /// <summary>The folder, under the data folder, that holds the key ring of secret values.</summary>
    public const string KeyFolder = "keys";

    /// <summary>Adds secrets, keyed from the data folder's <c>keys/</c>; needs <see cref="StorageOptions"/>, <see cref="ParleyDatabase"/> and a <c>TimeProvider</c>. Safe to call twice.</summary>
    public static IServiceCollection AddParleySecrets(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => SecretProtector.WithKeysIn(Path.Combine(sp.GetRequiredService<StorageOptions>().DataDirectory, KeyFolder)));
        services.TryAddSingleton<SecretStore>();
        return services;
    }
}
