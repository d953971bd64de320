using System.Net;
using System.Text.Json;
using Parley.Testing.Speech;
using Parley.Testing.Telephony;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Telephony;

/// <summary>Outbound calls through the carriers' REST APIs (a fake of each on loopback), with the status reported back.</summary>
public sealed class OutboundCallTests(PhoneServerFixture server, ITestOutputHelper output) : IClassFixture<PhoneServerFixture>
{
    private const string AuthToken = "twilio-auth-token-outbound-0123456789";

    [Fact]
    public async Task A_call_placed_through_Twilio_goes_queued_ringing_in_progress_completed()
    {
        using var api = server.Api();
        var from = PhoneLine.NewNumber();
        await PhoneLine.CreateNumberAsync(api, from, AuthToken, allowedHost: $"127.0.0.1:{server.Carrier.BaseAddress.Port}");

        var placed = (await api.PostAsync("/v1/calls", $$"""{"from": "{{from}}", "to": "+15557654321", "initial_context": "The caller ordered a blue teapot."}"""))
            .AssertStatus(HttpStatusCode.Created);
        Assert.Equal("queued", placed.String("status"));
        Assert.Equal("outbound", placed.String("direction"));
        var request = server.Carrier.Requests.Last(r => r.Carrier == "twilio");
        Assert.Equal($"/2010-04-01/Accounts/{PhoneLine.AccountSid}/Calls.json", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{PhoneLine.AccountSid}:{AuthToken}")), request.Authorization);
        Assert.Equal(("+15557654321", from), (request.Form["To"].Single(), request.Form["From"].Single()));
        Assert.Equal(["initiated", "ringing", "answered", "completed"], request.Form["StatusCallbackEvent"]);
        var (streamUrl, token) = PhoneLine.ReadStream(request.Form["Twiml"].Single());
        var statusCallback = new Uri(request.Form["StatusCallback"].Single());

        // Twilio reports progress to the status callback, signed; the callee answers and the stream connects.
        using var twilio = new TwilioWebhookClient(server.BaseAddress, AuthToken);
        var status = Form(placed.String("carrier_call_id"), "ringing");
        Assert.Equal(HttpStatusCode.NoContent, (await twilio.PostAsync(statusCallback.PathAndQuery, status)).Status);
        Assert.Equal("ringing", (await api.GetAsync($"/v1/calls/{placed.Id}")).String("status"));
        Assert.Equal(HttpStatusCode.Forbidden, (await twilio.PostAsync(statusCallback.PathAndQuery, Form(placed.String("carrier_call_id"), "completed"), "forged")).Status);

        await using (var line = await EmulatedCarrierStream.ConnectAsync(streamUrl, "twilio", token))
        {
            await line.WaitForAsync(e => e.Kind == "media in", "the agent greeting the callee");
            Assert.Equal("in-progress", (await api.GetAsync($"/v1/calls/{placed.Id}")).String("status"));
            await line.WaitForAgentToFinishAsync();
            await line.HangUpAsync();
            Assert.Empty(line.ProtocolErrors);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await twilio.PostAsync(statusCallback.PathAndQuery, Form(placed.String("carrier_call_id"), "completed"))).Status);
        var done = (await api.GetAsync($"/v1/calls/{placed.Id}")).AssertStatus(HttpStatusCode.OK);
        output.WriteLine(done.Body.ToString());
        Assert.Equal("completed", done.String("status"));
        Assert.NotNull(done.Body.GetProperty("conversation_id").GetString());
        Assert.NotNull(done.Body.GetProperty("ended_at").GetString());
    }

    [Fact]
    public async Task A_call_the_carrier_refuses_is_failed_with_its_reason()
    {
        using var api = server.Api();
        var from = PhoneLine.NewNumber();
        await PhoneLine.CreateNumberAsync(api, from, AuthToken, allowedHost: $"127.0.0.1:{server.Carrier.BaseAddress.Port}");
        server.Carrier.Refuse = (400, """{"code": 21211, "message": "The 'To' number +15550000000 is not a valid phone number.", "status": 400}""");
        try
        {
            var answer = await api.PostAsync("/v1/calls", $$"""{"from": "{{from}}", "to": "+15550000000"}""");
            answer.AssertError(HttpStatusCode.BadGateway, "carrier_error");
            Assert.Contains("21211", answer.String("message"), StringComparison.Ordinal);
            Assert.DoesNotContain(AuthToken, answer.Body.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            server.Carrier.Refuse = null;
        }

        var newest = (await api.GetAsync("/v1/calls?limit=1")).Body.GetProperty("data")[0];
        Assert.Equal("failed", newest.GetProperty("status").GetString());
        Assert.Contains("21211", newest.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_bound_to_another_host_is_never_sent_to_the_carrier()
    {
        using var api = server.Api();
        var from = PhoneLine.NewNumber();
        await PhoneLine.CreateNumberAsync(api, from, AuthToken, allowedHost: "api.twilio.com");
        var before = server.Carrier.Requests.Count;

        (await api.PostAsync("/v1/calls", $$"""{"from": "{{from}}", "to": "+15557654321"}""")).AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
        Assert.Equal(before, server.Carrier.Requests.Count);
    }

    [Fact]
    public async Task A_call_through_Telnyx_streams_in_its_format_and_is_answered()
    {
        using var api = server.Api();
        var from = PhoneLine.NewNumber();
        await PhoneLine.CreateNumberAsync(api, from, "KEY0123456789telnyx", carrier: "telnyx", allowedHost: $"127.0.0.1:{server.Carrier.BaseAddress.Port}");

        var placed = (await api.PostAsync("/v1/calls", $$"""{"from": "{{from}}", "to": "+15557654321"}""")).AssertStatus(HttpStatusCode.Created);
        var request = server.Carrier.Requests.Last(r => r.Carrier == "telnyx");
        Assert.Equal("Bearer KEY0123456789telnyx", request.Authorization);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(("rtp", "PCMU", "connection-1"), (body.GetProperty("stream_bidirectional_mode").GetString(), body.GetProperty("stream_bidirectional_codec").GetString(), body.GetProperty("connection_id").GetString()));
        Assert.StartsWith("v3:fake-", placed.String("carrier_call_id"), StringComparison.Ordinal);

        await using var line = await EmulatedCarrierStream.ConnectAsync(new Uri(body.GetProperty("stream_url").GetString()!), "telnyx", body.GetProperty("stream_auth_token").GetString()!);
        await line.WaitForAgentToFinishAsync();
        var greetingEnd = line.NowMs;
        await line.SayAsync([.. TestSpeech.Say("what time is it"), .. TestSpeech.Silence(TimeSpan.FromSeconds(1))]);
        await line.WaitForAsync(e => e.Kind == "media in" && e.AtMs > greetingEnd, "the answer's audio");
        await line.WaitForAgentToFinishAsync();
        await line.HangUpAsync();
        output.WriteLine(line.Timeline());

        Assert.Empty(line.ProtocolErrors);
        Assert.Contains(line.Events, e => e.Kind == "mark out (played)");
        var done = await PhoneLine.WaitForCallStatusAsync(api, placed.Id, "completed");
        Assert.Equal("completed", done.String("status"));
    }

    private static Dictionary<string, string> Form(string callSid, string status) => new()
    {
        ["AccountSid"] = PhoneLine.AccountSid,
        ["CallSid"] = callSid,
        ["CallStatus"] = status,
        ["ApiVersion"] = "2010-04-01",
    };
}
