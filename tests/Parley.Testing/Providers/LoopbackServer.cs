using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Testing.Providers;

/// <summary>A Kestrel server on 127.0.0.1 (a free port) that stands in for a remote provider, recording where a client broke its wire format.</summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The server's root, <c>http://127.0.0.1:{port}</c>.</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every way a client departed from the provider's published format, in order; a correct client leaves it empty.</summary>
    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>Stops the server, ending open connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Starts Kestrel with the routes <paramref name="map"/> adds (WebSockets enabled).</summary>
    protected async Task StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseWebSockets();
        map(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Address = new Uri(address);
    }

    /// <summary>Records a departure from the wire format.</summary>
    protected void Violation(string what) => Violations.Enqueue(what);
}
