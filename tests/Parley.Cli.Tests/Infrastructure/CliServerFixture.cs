using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server;

namespace Parley.Cli.Tests.Infrastructure;

/// <summary>The real Parley server on a loopback port with a fresh data folder and a known admin key, for the command line to talk to.</summary>
public sealed class CliServerFixture : IAsyncLifetime
{
    public const string ApiKey = "pk_test_cli_0123456789abcdef0123456789ab";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "parley-cli-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public string Url => BaseAddress.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        _app = ParleyApp.Build(
            ["--urls", "http://127.0.0.1:0", "--PARLEY_API_KEY", ApiKey, "--PARLEY_DATA_DIR", _dataDirectory],
            builder => builder.Configuration["Logging:LogLevel:Default"] = "Warning");
        await ParleyApp.BootstrapAsync(_app);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        await Health.WaitAsync(BaseAddress);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
