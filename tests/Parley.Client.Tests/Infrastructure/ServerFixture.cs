namespace Parley.Client.Tests.Infrastructure;

/// <summary>One live server shared by the tests of a collection (starting one loads the engines).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public LiveServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await LiveServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
