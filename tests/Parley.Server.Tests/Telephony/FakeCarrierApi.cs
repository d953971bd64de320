using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Tests.Telephony;

/// <summary>
/// Twilio's and Telnyx's REST APIs for placing calls, on loopback, answering as they publish: Twilio's
/// <c>POST /2010-04-01/Accounts/{sid}/Calls.json</c> (form, Basic auth, a call resource back) and Telnyx's
/// <c>POST /v2/calls</c> (JSON, Bearer key, <c>data.call_control_id</c> back) and its Call Control commands
/// <c>POST /v2/calls/{call_control_id}/actions/{answer|reject}</c> (<c>data.result: ok</c> back). It keeps each request for the test to read.
/// </summary>
internal sealed class FakeCarrierApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeCarrierApi(WebApplication app) => _app = app;

    /// <summary>Requests received, in order.</summary>
    public ConcurrentQueue<ReceivedCall> Requests { get; } = new();

    /// <summary>When set, the next calls are refused with this status and body, as a carrier refuses a bad number.</summary>
    public (int Status, string Body)? Refuse { get; set; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A request to place a call: what the carrier was told, and how it authenticated.</summary>
    public sealed record ReceivedCall(string Carrier, string Path, string Authorization, IReadOnlyDictionary<string, List<string>> Form, string Body);

    public static FakeCarrierApi Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeCarrierApi(app);
        app.MapPost("/2010-04-01/Accounts/{sid}/Calls.json", async (string sid, HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            api.Requests.Enqueue(new ReceivedCall(
                "twilio", context.Request.Path, context.Request.Headers.Authorization.ToString(),
                form.ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? string.Empty).ToList()), string.Empty));
            if (api.Refuse is { } refusal)
            {
                return Results.Text(refusal.Body, "application/json", Encoding.UTF8, refusal.Status);
            }

            var callSid = "CA" + Guid.NewGuid().ToString("N");
            return Results.Text($$"""{"sid":"{{callSid}}","account_sid":"{{sid}}","status":"queued","to":"{{form["To"]}}","from":"{{form["From"]}}"}""", "application/json", Encoding.UTF8, 201);
        });
        app.MapPost("/v2/calls", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            api.Requests.Enqueue(new ReceivedCall("telnyx", context.Request.Path, context.Request.Headers.Authorization.ToString(), new Dictionary<string, List<string>>(), body));
            if (api.Refuse is { } refusal)
            {
                return Results.Text(refusal.Body, "application/json", Encoding.UTF8, refusal.Status);
            }

            var id = "v3:fake-" + Guid.NewGuid().ToString("N");
            return Results.Text($$$"""{"data":{"call_control_id":"{{{id}}}","call_leg_id":"leg","call_session_id":"session","is_alive":false,"record_type":"call"}}""", "application/json", Encoding.UTF8, 200);
        });
        app.MapPost("/v2/calls/{callControlId}/actions/{action}", async (string callControlId, string action, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            api.Requests.Enqueue(new ReceivedCall("telnyx", context.Request.Path, context.Request.Headers.Authorization.ToString(), new Dictionary<string, List<string>>(), body));
            return action is "answer" or "reject"
                ? Results.Text("""{"data":{"result":"ok"}}""", "application/json", Encoding.UTF8, 200)
                : Results.Text("""{"errors":[{"code":"10015","title":"Invalid action"}]}""", "application/json", Encoding.UTF8, 404);
        });
        app.StartAsync().GetAwaiter().GetResult();
        api.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
