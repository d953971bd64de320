using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Parley.Agents.Tests.Providers;

/// <summary>
/// A real HTTP model server on 127.0.0.1 (Kestrel): each request to its one path is recorded and answered by the
/// next scripted step, so a test plays the server's side of the wire exactly.
/// </summary>
internal sealed class ScriptedModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, CancellationToken, Task>> _script = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<JsonObject> _requests = [];
    private readonly Lock _gate = new();

    private ScriptedModelServer(WebApplication app) => _app = app;

    /// <summary>The server root, such as <c>http://127.0.0.1:43210</c>.</summary>
    public Uri Root { get; private set; } = null!;

    /// <summary>The bodies of the requests received so far, in order.</summary>
    public IReadOnlyList<JsonObject> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Completes when a client drops a request that was still being answered.</summary>
    public TaskCompletionSource ClientGaveUp { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts a server that answers POST <paramref name="path"/>.</summary>
    public static async Task<ScriptedModelServer> StartAsync(string path)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var server = new ScriptedModelServer(app);
        app.MapPost(path, (RequestDelegate)server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Root = new Uri(address);
        return server;
    }

    /// <summary>Adds the answer to the next request; the token fires when the client goes away or the server stops.</summary>
    public void Then(Func<HttpContext, CancellationToken, Task> step) => _script.Enqueue(step);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
        lock (_gate)
        {
            _requests.Add(body);
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        using var gaveUp = context.RequestAborted.Register(() => ClientGaveUp.TrySetResult());
        if (!_script.TryDequeue(out var step))
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync("{\"error\":{\"message\":\"The test scripted no answer for this request.\"}}");
            return;
        }

        try
        {
            await step(context, done.Token);
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // The client gave up, or the test is over.
        }
    }
}
