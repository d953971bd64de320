namespace Parley.Server.Tests.Infrastructure;

/// <summary>A server of its own with settings a test chooses at run time (xunit fixtures need one parameterless constructor, so this is not one).</summary>
/// <remarks>Disposable with <c>await using</c>, for tests that start one (or several in turn) themselves.</remarks>
public sealed class ConfiguredServerFixture(string[] settings) : ServerFixture(settings), IAsyncDisposable
{
    /// <summary>A started server with these settings.</summary>
    public static async Task<ConfiguredServerFixture> StartAsync(params string[] settings)
    {
        var server = new ConfiguredServerFixture(settings);
        await server.InitializeAsync();
        return server;
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
