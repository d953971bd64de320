using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;

namespace Parley.Client.Tests.Infrastructure;

/// <summary>A scripted <c>/ws/voice</c> on loopback, to make a connection fail in ways a real server does not on demand.</summary>
public sealed class FakeVoiceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<FakeConnection, Task> _script;
    private readonly List<StartPayload> _starts = [];
    private int _connections;

    private FakeVoiceServer(WebApplication app, Func<FakeConnection, Task> script)
    {
        _app = app;
        _script = script;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>The start payloads received, one per connection, in order.</summary>
    public IReadOnlyList<StartPayload> Starts
    {
        get
        {
            lock (_starts)
            {
                return [.. _starts];
            }
        }
    }

    /// <summary>Refuse further upgrades with 503, as a server that is down would fail them.</summary>
    public bool Refusing { get; set; }

    public static async Task<FakeVoiceServer> StartAsync(Func<FakeConnection, Task> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FakeVoiceServer(builder.Build(), script);
        server._app.UseWebSockets();
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.Url = new Uri(address.Replace("http", "ws", StringComparison.Ordinal) + "/ws/voice");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (Refusing || !context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new FakeConnection(context, socket, Interlocked.Increment(ref _connections), start =>
        {
            lock (_starts)
            {
                _starts.Add(start);
            }
        });
        try
        {
            await _script(connection);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }
}
