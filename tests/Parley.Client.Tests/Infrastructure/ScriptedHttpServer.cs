using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Client.Tests.Infrastructure;

/// <summary>A tiny HTTP server on loopback that answers each request with the next scripted answer, and records when requests came.</summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _answers;

    private ScriptedHttpServer(WebApplication app, IEnumerable<Func<HttpContext, Task>> answers)
    {
        _app = app;
        _answers = new(answers);
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>When each request arrived, in order.</summary>
    public ConcurrentQueue<DateTime> Requests { get; } = new();

    public static async Task<ScriptedHttpServer> StartAsync(params Func<HttpContext, Task>[] answers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new ScriptedHttpServer(builder.Build(), answers);
        server._app.Run(server.AnswerAsync);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>An error body with its status, and a <c>Retry-After</c> when given.</summary>
    public static Func<HttpContext, Task> Error(int status, string error, bool retryable, int? retryAfterSeconds = null) => async context =>
    {
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"status_code": {{status}}, "error": "{{error}}", "message": "scripted {{status}}", "retryable": {{(retryable ? "true" : "false")}}}""");
    };

    /// <summary>200 with a JSON body.</summary>
    public static Func<HttpContext, Task> Json(string body) => async context =>
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task AnswerAsync(HttpContext context)
    {
        Requests.Enqueue(DateTime.UtcNow);
        return _answers.TryDequeue(out var answer) ? answer(context) : Error(500, "script_exhausted", false)(context);
    }
}
