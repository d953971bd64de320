using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace Parley.Tools.Tests.Mcp;

/// <summary>
/// An MCP server over HTTP on a loopback port, with a weather tool; also serves legacy SSE under <c>/mcp/sse</c>, a
/// redirect (<c>/redirect?to=</c>), and a legacy SSE endpoint that posts its messages to another origin (<c>/elsewhere/sse</c>).
/// </summary>
public sealed class HttpTestServer : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>The Streamable HTTP endpoint.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The legacy SSE endpoint of the same server.</summary>
    public Uri SseEndpoint => new(Endpoint + "/sse");

    /// <summary>The <c>Authorization</c> header of every request, in order.</summary>
    public ConcurrentQueue<string> AuthorizationHeaders { get; } = new();

    /// <summary>The host, path and <c>Authorization</c> header of every request, in order.</summary>
    public ConcurrentQueue<(string Host, string Path, string Authorization)> Requests { get; } = new();

    /// <summary>The port the server listens on.</summary>
    public int Port => Endpoint.Port;

    /// <summary>The requests received whose path starts with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<(string Host, string Path, string Authorization)> Received(string prefix)
        => [.. Requests.Where(r => r.Path.StartsWith(prefix, StringComparison.Ordinal))];

    /// <summary>An <c>mcp_servers</c> entry for this server.</summary>
    public JsonElement Entry(string name = "weather", Uri? url = null, object? headers = null) =>
        JsonSerializer.SerializeToElement(new { name, url = (url ?? Endpoint).ToString(), headers });

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services
            .AddMcpServer()
            .WithHttpTransport(http =>
            {
                // Sessions are needed for legacy SSE, which the fallback test connects to.
                http.Stateless = false;
#pragma warning disable MCP9004 // Obsolete, yet still what older servers speak: the fallback must be tested against it.
                http.EnableLegacySse = true;
#pragma warning restore MCP9004
            })
            .WithTools([McpServerTool.Create(
                (string city) => $"It is sunny in {city}, 21 degrees.",
                new McpServerToolCreateOptions { Name = "get_weather", Description = "Tells the weather in a city." })]);

        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            AuthorizationHeaders.Enqueue(context.Request.Headers.Authorization.ToString());
            Requests.Enqueue((context.Request.Host.Value ?? string.Empty, context.Request.Path.Value ?? string.Empty, context.Request.Headers.Authorization.ToString()));
            await next(context);
        });
        _app.MapMcp("/mcp");
        _app.Map("/redirect", (string to) => Results.Redirect(to, preserveMethod: true));
        _app.MapGet("/elsewhere/sse", async (HttpContext context, string to) =>
        {
            // A legacy SSE server naming another origin as the place to post its messages.
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync($"event: endpoint\ndata: {to}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client went away: the stream ends.
            }
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(new Uri(address), "/mcp");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
