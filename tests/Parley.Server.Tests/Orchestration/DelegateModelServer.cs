using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.Server.Tests.Orchestration;

/// <summary>
/// A chat-completions server on loopback, speaking OpenAI's streaming wire format, for the agents tasks are handed to:
/// model <c>researcher</c> answers each request once the test releases it; model <c>broken</c> answers 500, as a
/// failing provider does.
/// </summary>
public sealed class DelegateModelServer : IAsyncDisposable
{
    public const string Answer = "The shop opens at nine on weekdays.";

    private readonly SemaphoreSlim _release = new(0);
    private readonly WebApplication _app;
    private int _started;
    private int _abandoned;

    private DelegateModelServer(WebApplication app) => _app = app;

    /// <summary>Requests for the <c>researcher</c> model received so far.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Requests whose client went away before the answer (a cancelled task).</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

    /// <summary>The base URL a provider is configured with, e.g. <c>http://127.0.0.1:40123/v1</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Server settings for an <c>openai</c> provider named <c>local</c> on this server.</summary>
    public string[] ProviderSettings =>
    [
        "--Parley:Agents:Providers:0:Name", "local",
        "--Parley:Agents:Providers:0:Type", "openai",
        "--Parley:Agents:Providers:0:BaseUrl", BaseUrl,
        "--Parley:Agents:Providers:0:MaxRetries", "0",
    ];

    public static async Task<DelegateModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new DelegateModelServer(app);
        app.MapPost("/v1/chat/completions", server.CompleteAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/v1";
        return server;
    }

    /// <summary>Lets one waiting (or the next) <c>researcher</c> request answer.</summary>
    public void Release() => _release.Release();

    /// <summary>Waits (real time) until <paramref name="count"/> <c>researcher</c> requests have come.</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Started < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The model had {Started} requests, not {count}, within 20 s.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _release.Release(1000);
        await _app.DisposeAsync();
    }

    private async Task CompleteAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var model = body.RootElement.GetProperty("model").GetString();
        if (model == "broken")
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "The model crashed.", type = "server_error" } });
            return;
        }

        Interlocked.Increment(ref _started);
        try
        {
            await _release.WaitAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _abandoned);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        foreach (var piece in new[] { "The shop opens ", "at nine on weekdays." })
        {
            var chunk = $$"""{"id":"c1","object":"chat.completion.chunk","created":1,"model":"{{model}}","choices":[{"index":0,"delta":{"role":"assistant","content":{{JsonSerializer.Serialize(piece)}}},"finish_reason":null}]}""";
            await context.Response.WriteAsync($"data: {chunk}\n\n", Encoding.UTF8);
            await context.Response.Body.FlushAsync();
        }

        await context.Response.WriteAsync("data: [DONE]\n\n");
    }
}
