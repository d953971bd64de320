using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Parley.Server.Api;
using Parley.Server.Telephony;
using Parley.Server.Voice;
using Parley.Sessions.Conversations;
using Parley.Storage.Secrets;

namespace Parley.Server.Cluster;

/// <summary>Registers what nodes share: in this node's memory when it runs alone, in Redis when <c>PARLEY_REDIS</c> names one.</summary>
internal static class ClusterServiceCollectionExtensions
{
    /// <summary>The Redis list holding the Data Protection key ring that encrypts secrets.</summary>
    public const string DataProtectionKeys = "data-protection-keys";

    public static IServiceCollection AddParleyCluster(this IServiceCollection services, ClusterOptions options)
    {
        services.AddSingleton(options.Validate());
        services.AddHostedService<NodeDrainer>();
        // The host stops within its shutdown timeout, drain included: the grace, then time for the last frames and closes.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.DrainGrace + TimeSpan.FromSeconds(15));

        if (!options.UsesRedis)
        {
            services.AddSingleton<IHandoffTokenStore, InMemoryHandoffTokenStore>();
            services.AddSingleton<IStreamTokenStore, InMemoryStreamTokenStore>();
            services.AddSingleton<RequestWindowSource, InMemoryRequestWindowSource>();
            services.AddSingleton<ISessionSlots, InMemorySessionSlots>();
            services.AddSingleton<IConversationLocks, InMemoryConversationLocks>();
            services.AddSingleton<IKeyRevocations, LocalKeyRevocations>();
            return services;
        }

        services.AddSingleton<RedisConnection>();
        services.AddSingleton<IHandoffTokenStore, RedisHandoffTokenStore>();
        services.AddSingleton<IStreamTokenStore, RedisStreamTokenStore>();
        services.AddSingleton<RequestWindowSource, RedisRequestWindowSource>();
        services.AddSingleton<ISessionSlots, RedisSessionSlots>();
        services.AddSingleton<IConversationLocks, RedisConversationLocks>();
        services.AddSingleton<RedisKeyRevocations>();
        services.AddSingleton<IKeyRevocations>(sp => sp.GetRequiredService<RedisKeyRevocations>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisKeyRevocations>());

        // Secrets must be readable on every node, so their key ring lives in Redis, never in one node's data folder.
        // Redis must therefore keep its data (appendonly): losing it loses every secret's value.
        services.AddDataProtection().SetApplicationName(SecretProtector.ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<RedisConnection>(
            (keys, redis) => keys.XmlRepository = new RedisXmlRepository(() => redis.Database, redis.Key(DataProtectionKeys)));
        services.AddSingleton(sp => new SecretProtector(sp.GetRequiredService<IDataProtectionProvider>()));
        return services;
    }
}
