using Microsoft.Extensions.DependencyInjection;
using Parley.Client.Tests.Infrastructure;

namespace Parley.Client.Tests.Rest;

[Collection(ServerCollection.Name)]
public sealed class DependencyInjectionTests(ServerFixture fixture)
{
    [Fact]
    public async Task AddParleyClient_registers_a_typed_client_of_the_factory()
    {
        var services = new ServiceCollection();
        services.AddParleyClient(options =>
        {
            options.BaseAddress = new Uri(fixture.Server.BaseAddress, "/v1");
            options.ApiKey = LiveServer.ApiKey;
            options.Retry.MaxAttempts = 2;
        });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<ParleyClient>();

        Assert.Equal(fixture.Server.BaseAddress, client.BaseAddress);
        Assert.Contains((await client.Tools.ListAsync()).Data, t => t.Name == "calculator");
        Assert.NotSame(client, provider.GetRequiredService<ParleyClient>());
    }
}
