using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Tests.Webhooks;

/// <summary>
/// A webhook receiver on loopback, as a team would write one from the SDK's documentation: it reads the raw body, checks
/// <c>Datagrid-Signature</c> (HMAC-SHA256 of the body with the webhook's secret) and refuses a <c>timestamp</c> outside
/// its replay window; what it answers otherwise is scripted per request.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>The settings of a server that delivers to a receiver on loopback (allowed for such servers only), retrying fast so a test need not wait minutes.</summary>
    public static readonly string[] ServerSettings =
    [
        "--Parley:Outbound:AllowedHosts:0", "127.0.0.1",
        "--Parley:Webhooks:FirstRetryDelay", "00:00:00.300",
        "--Parley:Webhooks:MaxRetryDelay", "00:00:01",
        "--Parley:Webhooks:PollInterval", "00:00:00.200",
        "--Parley:Webhooks:AttemptTimeout", "00:00:02",
    ];

    /// <summary>How old a delivery's timestamp may be before it is taken for a replay.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Delivery> _received = new();
    private int _requests;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The webhook's secret, once created; until then every request is refused (401).</summary>
    public string? Secret { get; set; }

    /// <summary>The receiver's clock, which the replay window is judged on.</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>The status to answer the <c>n</c>th request (0 first) that passes the checks.</summary>
    public Func<int, int> Answer { get; set; } = _ => 200;

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request received, in order, with what the checks found.</summary>
    public IReadOnlyList<Delivery> Received => [.. _received];

    /// <summary>One request: the raw body, its signature header, whether it verified, and the status answered.</summary>
    public sealed record Delivery(string Body, string? Signature, bool SignatureValid, bool Fresh, int Status)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
    }

    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", (Delegate)receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/hook");
        return receiver;
    }

    /// <summary>Waits until <paramref name="predicate"/> holds of what was received.</summary>
    public async Task<IReadOnlyList<Delivery>> WaitForAsync(Func<IReadOnlyList<Delivery>, bool> predicate, TimeSpan? timeout = null, string what = "deliveries")
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (predicate(Received))
            {
                return Received;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No {what}; received {Received.Count}: {string.Join(", ", Received.Select(d => d.Status))}");
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var signature = context.Request.Headers["Datagrid-Signature"].ToString();
        var valid = Secret is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)))),
            Encoding.ASCII.GetBytes(signature));
        var fresh = valid && JsonDocument.Parse(body).RootElement.TryGetProperty("timestamp", out var timestamp)
            && (Now() - DateTimeOffset.FromUnixTimeSeconds(timestamp.GetInt64())).Duration() <= ReplayWindow;
        var status = !valid ? 401 : !fresh ? 400 : Answer(Interlocked.Increment(ref _requests) - 1);
        _received.Enqueue(new Delivery(body, signature, valid, fresh, status));
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
