using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Tools.Outbound;
using Parley.Tools.Webhooks;

namespace Parley.Tools.Tests.Webhooks;

public sealed class WebhookOptionsTests
{
    [Fact]
    public void The_allow_list_and_limits_bind_from_configuration_under_the_new_key_and_the_old_one()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Parley:Outbound:AllowedHosts:0"] = "crm.internal",
            ["Parley:Tools:Webhooks:AllowedHosts:0"] = "10.0.0.5:8080",
            ["Parley:Tools:Webhooks:AllowedHosts:1"] = "CRM.internal",
            ["Parley:Tools:Webhooks:MaxResultBytes"] = "4096",
        }).Build();
        using var services = new ServiceCollection().AddParleyWebhooks(configuration).BuildServiceProvider();

        Assert.Equal(["crm.internal", "10.0.0.5:8080"], services.GetRequiredService<OutboundOptions>().AllowedHosts);
        Assert.Equal(4096, services.GetRequiredService<WebhookOptions>().MaxResultBytes);
        Assert.True(services.GetRequiredService<OutboundAddressGuard>().AllowList.Allows("10.0.0.5", 8080));
    }

    [Fact]
    public void Without_configuration_only_public_addresses_are_allowed()
    {
        using var services = new ServiceCollection().AddParleyWebhooks(new ConfigurationBuilder().Build()).BuildServiceProvider();

        Assert.Empty(services.GetRequiredService<OutboundOptions>().AllowedHosts);
        Assert.True(services.GetRequiredService<OutboundAddressGuard>().AllowList.IsEmpty);
        Assert.Equal(8 * 1024, services.GetRequiredService<WebhookOptions>().MaxResultBytes);
    }

    [Theory]
    [InlineData("Parley:Outbound:AllowedHosts:0")]
    [InlineData("Parley:Tools:Webhooks:AllowedHosts:0")]
    public void A_bad_entry_under_either_key_stops_the_server_at_start(string key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = "http://crm.internal/" }).Build();

        Assert.Throws<FormatException>(() => new ServiceCollection().AddParleyWebhooks(configuration));
    }
}
