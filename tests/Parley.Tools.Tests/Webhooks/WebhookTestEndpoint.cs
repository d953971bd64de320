using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Tools.Tests.Webhooks;

/// <summary>A real HTTP endpoint on 127.0.0.1 that webhooks call: it records every request and answers as each path asks.</summary>
/// <remarks>
/// <c>/echo/...</c> answers what it received as JSON; <c>/slow</c> waits 10 s; <c>/fail</c> answers 500;
/// <c>/big</c> answers 20 KB of text; <c>/redirect?to=URL</c> answers 302.
/// </remarks>
public sealed class WebhookTestEndpoint : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>The base address, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request received: method, path with query, headers and body.</summary>
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            Requests.Enqueue(new ReceivedRequest(
                context.Request.Method,
                // The target as sent, before the server decodes any of it.
                context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body));
            context.Items["body"] = body;
            await next(context);
        });
        _app.Map("/echo/{**rest}", (HttpContext context) => Results.Json(new
        {
            method = context.Request.Method,
            path = context.Request.Path.Value,
            query = context.Request.QueryString.Value,
            body = (string)context.Items["body"]!,
        }));
        _app.Map("/slow", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            return Results.Text("late");
        });
        _app.Map("/fail", () => Results.Text("boom: the database is down", statusCode: 500));
        _app.Map("/big", () => Results.Text(new string('é', 10_000) + "END", "text/plain"));
        _app.Map("/redirect", (string to) => Results.Redirect(to));
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    /// <summary>The requests received for paths starting with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<ReceivedRequest> Received(string prefix) => [.. Requests.Where(r => r.PathAndQuery.StartsWith(prefix, StringComparison.Ordinal))];

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
