using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Parley.Client;
using Parley.Server;

namespace Parley.Client.Tests.Infrastructure;

/// <summary>The real Parley server on a loopback port, with a fresh data folder and a known admin key; it can be stopped and started again on the same port.</summary>
public sealed class LiveServer : IAsyncDisposable
{
    public const string ApiKey = "pk_test_client_0123456789abcdef01234567";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "parley-client-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:40123</c>; the same after a restart.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<LiveServer> StartAsync()
    {
        var server = new LiveServer();
        await server.RunAsync("http://127.0.0.1:0");
        return server;
    }

    /// <summary>Stops the server as Ctrl+C would: live sessions are drained (ended, close 1012).</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Starts the server again on the same port and data folder.</summary>
    public Task RestartAsync() => RunAsync(BaseAddress.ToString().TrimEnd('/'));

    /// <summary>A client with the admin key (or another).</summary>
    public ParleyClient Client(string? apiKey = ApiKey) => new(new ParleyClientOptions { BaseAddress = BaseAddress, ApiKey = apiKey });

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task RunAsync(string url)
    {
        var app = ParleyApp.Build(
            ["--urls", url, "--PARLEY_API_KEY", ApiKey, "--PARLEY_DATA_DIR", _dataDirectory],
            builder => builder.Configuration["Logging:LogLevel:Default"] = "Warning");
        await ParleyApp.BootstrapAsync(app);
        await app.StartAsync();
        _app = app;
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.First());
        await WaitUntilHealthyAsync();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The server did not become healthy within 60 s.");
    }
}
