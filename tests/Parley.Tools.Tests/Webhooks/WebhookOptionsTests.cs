using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Tools.Webhooks;

namespace Parley.Tools.Tests.Webhooks;

public sealed class WebhookOptionsTests
{
    [Fact]
    public void The_allow_list_and_limits_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Parley:Tools:Webhooks:AllowedHosts:0"] = "crm.internal",
            ["Parley:Tools:Webhooks:AllowedHosts:1"] = "10.0.0.5:8080",
            ["Parley:Tools:Webhooks:MaxResultBytes"] = "4096",
        }).Build();
        using var services = new ServiceCollection().AddParleyWebhooks(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<WebhookOptions>();

        Assert.Equal(["crm.internal", "10.0.0.5:8080"], options.AllowedHosts);
        Assert.Equal(4096, options.MaxResultBytes);
    }

    [Fact]
    public void Without_configuration_only_public_addresses_are_allowed()
    {
        using var services = new ServiceCollection().AddParleyWebhooks(new ConfigurationBuilder().Build()).BuildServiceProvider();

        var options = services.GetRequiredService<WebhookOptions>();

        Assert.Empty(options.AllowedHosts);
        Assert.Equal(8 * 1024, options.MaxResultBytes);
    }
}
