using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server;
using Parley.Server.Voice;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>The real Parley server on a loopback port with the real engines, a fresh data folder and a known key.</summary>
public class ServerFixture : IAsyncLifetime
{
    public const string ApiKey = "pk_test_0123456789abcdef0123456789abcdef";

    private readonly string[] _settings;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public ServerFixture()
        : this([])
    {
    }

    /// <summary>A server with extra settings, as <c>--Key value</c> pairs.</summary>
    protected ServerFixture(string[] settings) => _settings = settings;

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>Live voice sessions on the server now.</summary>
    public int LiveSessions => Services.GetRequiredService<SessionRegistry>().Count;

    /// <summary>The voice socket's address with a token.</summary>
    public Uri VoiceUri(string? token = ApiKey)
        => new($"ws://{BaseAddress.Authority}/ws/voice" + (token is null ? string.Empty : $"?token={Uri.EscapeDataString(token)}"));

    public async Task InitializeAsync()
    {
        // Every test calls from 127.0.0.1 and many use wrong keys on purpose, so the shared server does not throttle
        // failed sign-ins (FailedSignInTests run servers that do: the last value given wins), and tests call the
        // revoked-key check themselves rather than race its timer.
        _app = ParleyApp.Build(
            [
                "--urls", "http://127.0.0.1:0", "--PARLEY_API_KEY", ApiKey, "--PARLEY_DATA_DIR", _dataDirectory,
                "--Parley:Api:FailedAuthLimit", "1000000", "--Parley:Api:RevokedKeyCheckInterval", "01:00:00", .. _settings,
            ],
            builder => builder.Configuration["Logging:LogLevel:Default"] = "Warning");
        await ParleyApp.BootstrapAsync(_app);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.First());
        await WaitUntilHealthyAsync();
    }

    /// <summary>Waits until no session is live: every session has ended and been removed.</summary>
    public async Task WaitForNoSessionsAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (LiveSessions > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, LiveSessions);
    }

    /// <summary>The folder holding this server's database and files.</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>A new key in <paramref name="teamspaceId"/> (created if new), straight in the server's database.</summary>
    public async Task<string> CreateKeyAsync(string teamspaceId, bool admin = false)
    {
        await Services.GetRequiredService<Parley.Storage.Teamspaces.TeamspaceStore>().EnsureAsync(teamspaceId, teamspaceId);
        var (_, raw) = await Services.GetRequiredService<Parley.Storage.ApiKeys.ApiKeyStore>().CreateAsync(teamspaceId, "test", admin);
        return raw;
    }

    /// <summary>A client of the REST API with the fixture's admin key (or another).</summary>
    public ApiClient Api(string? apiKey = ApiKey) => new(BaseAddress, apiKey);

    /// <summary>Stops the server as Ctrl+C would: live sessions are drained.</summary>
    public Task StopAsync() => _app!.StopAsync();

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

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The server did not become healthy within 60 s.");
    }
}
