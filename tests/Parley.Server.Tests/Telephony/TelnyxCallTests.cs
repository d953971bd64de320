using System.Net;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Speech;
using Parley.Testing.Telephony;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Telephony;

/// <summary>
/// Telnyx's side of calls, emulated on loopback: its Call Control webhooks signed with an Ed25519 key made here (the
/// server holds the public key), posted in the order Telnyx documents; its REST API is the <see cref="FakeCarrierApi"/>.
/// </summary>
public sealed class TelnyxCallTests(PhoneServerFixture server, ITestOutputHelper output) : IClassFixture<PhoneServerFixture>
{
    private const string ApiKey = "KEY0123456789telnyx-webhooks";
    private const string Connection = "connection-1";
    private const string Webhook = "/telephony/telnyx/webhook";

    [Fact]
    public async Task An_answered_outbound_call_goes_queued_ringing_in_progress_completed_as_Telnyx_reports_it()
    {
        using var api = server.Api();
        using var telnyx = new TelnyxWebhookClient(server.BaseAddress);
        var (placed, dial) = await PlaceAsync(api, telnyx);
        Assert.Equal("queued", placed.String("status"));
        Assert.Equal(server.BaseAddress.Authority, new Uri(dial.GetProperty("webhook_url").GetString()!).Authority);
        Assert.Equal(Webhook, new Uri(dial.GetProperty("webhook_url").GetString()!).AbsolutePath);
        var call = OutboundCall(placed, dial);

        await PostAsync(telnyx, call("call.initiated", null, null), HttpStatusCode.OK);
        Assert.Equal("ringing", await StatusAsync(api, placed.Id));
        await PostAsync(telnyx, call("call.answered", null, null), HttpStatusCode.OK);
        Assert.Equal("in-progress", await StatusAsync(api, placed.Id));
        await PostAsync(telnyx, call("streaming.started", null, null), HttpStatusCode.OK);
        await PostAsync(telnyx, call("streaming.stopped", null, null), HttpStatusCode.OK);
        await PostAsync(telnyx, call("call.hangup", "normal_clearing", "16"), HttpStatusCode.OK);

        var done = (await api.GetAsync($"/v1/calls/{placed.Id}")).AssertStatus(HttpStatusCode.OK);
        output.WriteLine(done.Body.ToString());
        Assert.Equal("completed", done.String("status"));
        Assert.Equal(JsonValueKind.Null, done.Body.GetProperty("error").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, done.Body.GetProperty("ended_at").ValueKind);
    }

    [Theory]
    [InlineData("user_busy", "486", "the line was busy")]
    [InlineData("timeout", "487", "nobody answered")]
    [InlineData("call_rejected", "603", "the call was rejected")]
    public async Task An_outbound_call_that_is_never_answered_fails_with_Telnyxs_cause(string cause, string sipCause, string words)
    {
        using var api = server.Api();
        using var telnyx = new TelnyxWebhookClient(server.BaseAddress);
        var (placed, dial) = await PlaceAsync(api, telnyx);
        var call = OutboundCall(placed, dial);

        await PostAsync(telnyx, call("call.initiated", null, null), HttpStatusCode.OK);
        await PostAsync(telnyx, call("call.hangup", cause, sipCause), HttpStatusCode.OK);

        var failed = (await api.GetAsync($"/v1/calls/{placed.Id}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("failed", failed.String("status"));
        Assert.Equal($"Telnyx: {words} ({cause}, SIP {sipCause}).", failed.String("error"));
        // A late answer (Telnyx does not promise order) moves a failed call nowhere.
        await PostAsync(telnyx, call("call.answered", null, null), HttpStatusCode.OK);
        Assert.Equal("failed", await StatusAsync(api, placed.Id));
    }

    [Fact]
    public async Task A_webhook_not_signed_by_the_numbers_account_is_refused_and_changes_nothing()
    {
        using var api = server.Api();
        using var telnyx = new TelnyxWebhookClient(server.BaseAddress);
        using var impostor = new TelnyxWebhookClient(server.BaseAddress);
        var (placed, dial) = await PlaceAsync(api, telnyx);
        var call = OutboundCall(placed, dial);
        await PostAsync(telnyx, call("call.initiated", null, null), HttpStatusCode.OK);

        var hangup = call("call.hangup", "user_busy", "486");
        Assert.Equal(HttpStatusCode.Forbidden, (await impostor.PostAsync(Webhook, hangup)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await telnyx.PostAsync(Webhook, hangup, signature: Convert.ToBase64String(new byte[64]))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await telnyx.PostAsync(Webhook, hangup, signature: "not base64")).Status);
        // Signed truly, then changed on the way.
        Assert.Equal(HttpStatusCode.Forbidden, (await telnyx.PostAsync(Webhook, hangup, tamper: b => b.Replace("user_busy", "no_answer", StringComparison.Ordinal))).Status);
        // Signed by the account, but naming another connection than the number's.
        Assert.Equal(HttpStatusCode.Forbidden, (await telnyx.PostAsync(Webhook, hangup.Replace(Connection, "connection-2", StringComparison.Ordinal))).Status);

        var unchanged = (await api.GetAsync($"/v1/calls/{placed.Id}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("ringing", unchanged.String("status"));
        Assert.Equal(JsonValueKind.Null, unchanged.Body.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task A_webhook_signed_long_ago_is_refused_as_a_replay()
    {
        using var api = server.Api();
        using var telnyx = new TelnyxWebhookClient(server.BaseAddress);
        var (placed, dial) = await PlaceAsync(api, telnyx);
        var call = OutboundCall(placed, dial);

        var initiated = call("call.initiated", null, null);
        Assert.Equal(HttpStatusCode.Forbidden, (await telnyx.PostAsync(Webhook, initiated, signedAt: DateTimeOffset.UtcNow.AddMinutes(-10))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await telnyx.PostAsync(Webhook, initiated, signedAt: DateTimeOffset.UtcNow.AddMinutes(10))).Status);
        Assert.Equal("queued", await StatusAsync(api, placed.Id));
        // The same event signed now is taken.
        await PostAsync(telnyx, initiated, HttpStatusCode.OK);
        Assert.Equal("ringing", await StatusAsync(api, placed.Id));
    }

    [Fact]
    public async Task An_inbound_Telnyx_call_is_answered_with_its_media_streamed_and_a_whole_phone_turn_is_spoken()
    {
        using var api = server.Api();
        using var telnyx = new TelnyxWebhookClient(server.BaseAddress);
        var number = PhoneLine.NewNumber();
        await PhoneLine.CreateNumberAsync(
            api, number, ApiKey, carrier: "telnyx", greeting: "Hello, you are through to Parley on Telnyx.", allowedHost: CarrierHost, webhookPublicKey: telnyx.PublicKey);
        var callControlId = "v3:inbound-" + Guid.NewGuid().ToString("N");
        const string caller = "+15550001111";

        // Telnyx announces the call; Parley answers it through the API with the stream both ways.
        await PostAsync(telnyx, TelnyxWebhookClient.Event("call.initiated", callControlId, Connection, caller, number, direction: "incoming"), HttpStatusCode.OK);
        var answer = server.Carrier.Requests.Single(r => r.Path == $"/v2/calls/{callControlId}/actions/answer");
        Assert.Equal("Bearer " + ApiKey, answer.Authorization);
        var body = JsonDocument.Parse(answer.Body).RootElement;
        Assert.Equal(("inbound_track", "rtp", "PCMU"), (Text(body, "stream_track"), Text(body, "stream_bidirectional_mode"), Text(body, "stream_bidirectional_codec")));
        var clientState = Text(body, "client_state");
        var callId = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(clientState));
        var ringing = (await api.GetAsync($"/v1/calls/{callId}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(("inbound", "telnyx", "ringing", callControlId, caller), (ringing.String("direction"), ringing.String("carrier"), ringing.String("status"), ringing.String("carrier_call_id"), ringing.String("from")));

        // A retried call.initiated answers nothing twice.
        await PostAsync(telnyx, TelnyxWebhookClient.Event("call.initiated", callControlId, Connection, caller, number, direction: "incoming"), HttpStatusCode.OK);
        Assert.Single(server.Carrier.Requests, r => r.Path == $"/v2/calls/{callControlId}/actions/answer");

        await PostAsync(telnyx, TelnyxWebhookClient.Event("call.answered", callControlId, Connection, caller, number, clientState: clientState), HttpStatusCode.OK);
        Assert.Equal("in-progress", await StatusAsync(api, callId));
        await using (var line = await EmulatedCarrierStream.ConnectAsync(new Uri(Text(body, "stream_url")), "telnyx", Text(body, "stream_auth_token"), callControlId))
        {
            await PostAsync(telnyx, TelnyxWebhookClient.Event("streaming.started", callControlId, Connection, caller, number, clientState: clientState, streamUrl: Text(body, "stream_url")), HttpStatusCode.OK);
            await line.WaitForAgentToFinishAsync();
            var greetingEnd = line.NowMs;
            // The question main's PhoneCallTests asks (458e6f0): its "time" survives narrowband audio; "what time is it" does not.
            await line.SayAsync([.. TestSpeech.Say("can you tell me the time please"), .. TestSpeech.Silence(TimeSpan.FromSeconds(1))]);
            await line.WaitForAsync(e => e.Kind == "media in" && e.AtMs > greetingEnd, "the answer's audio");
            await line.WaitForAgentToFinishAsync();
            await line.HangUpAsync();
            output.WriteLine(line.Timeline());
            Assert.Empty(line.ProtocolErrors);
            Assert.Contains(line.Events, e => e.Kind == "mark out (played)");
        }

        await PostAsync(telnyx, TelnyxWebhookClient.Event("streaming.stopped", callControlId, Connection, caller, number, clientState: clientState), HttpStatusCode.OK);
        await PostAsync(telnyx, TelnyxWebhookClient.Event("call.hangup", callControlId, Connection, caller, number, clientState: clientState, hangupCause: "normal_clearing", sipHangupCause: "16"), HttpStatusCode.OK);
        var done = (await api.GetAsync($"/v1/calls/{callId}")).AssertStatus(HttpStatusCode.OK);
        output.WriteLine(done.Body.ToString());
        Assert.Equal("completed", done.String("status"));
        Assert.Equal(callControlId, done.String("carrier_call_id"));
        var transcript = await StoredTranscriptAsync(api, done.String("conversation_id"));
        output.WriteLine(string.Join('\n', transcript.Select(l => $"{l.Role}: {l.Text}")));
        // The words are not checked one by one (narrowband speech through the 16 kHz model); the answer shows the question was understood.
        Assert.Equal(("agent", "Hello, you are through to Parley on Telnyx."), transcript[0]);
        Assert.Equal("user", transcript[1].Role);
        Assert.Contains("time", transcript[1].Text, StringComparison.Ordinal);
        Assert.Equal("agent", transcript[2].Role);
        Assert.StartsWith("It's ", transcript[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inbound_call_to_a_number_Parley_does_not_have_is_rejected_and_a_forged_one_is_not_answered()
    {
        using var api = server.Api();
        using var telnyx = new TelnyxWebhookClient(server.BaseAddress);
        using var impostor = new TelnyxWebhookClient(server.BaseAddress);
        // An account of its own: the numbers of other tests, on connection-1, are signed with other keys.
        var connection = "connection-" + Guid.NewGuid().ToString("N");
        var number = PhoneLine.NewNumber();
        await PhoneLine.CreateNumberAsync(api, number, ApiKey, carrier: "telnyx", allowedHost: CarrierHost, webhookPublicKey: telnyx.PublicKey, accountId: connection);
        var callsBefore = (await api.GetAsync("/v1/calls?limit=100")).Body.GetProperty("data").GetArrayLength();

        // Another number of the account, which Parley does not have: refused before it is answered.
        var stranger = "v3:stranger-" + Guid.NewGuid().ToString("N");
        await PostAsync(telnyx, TelnyxWebhookClient.Event("call.initiated", stranger, connection, "+15550001111", PhoneLine.NewNumber(), direction: "incoming"), HttpStatusCode.OK);
        var reject = server.Carrier.Requests.Single(r => r.Path == $"/v2/calls/{stranger}/actions/reject");
        Assert.Equal("Bearer " + ApiKey, reject.Authorization);
        Assert.Equal("CALL_REJECTED", Text(JsonDocument.Parse(reject.Body).RootElement, "cause"));

        // A call to the number, but not signed by its account: nothing is answered, stored or started.
        var forged = "v3:forged-" + Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Forbidden, (await impostor.PostAsync(Webhook, TelnyxWebhookClient.Event("call.initiated", forged, connection, "+15550001111", number, direction: "incoming"))).Status);
        Assert.DoesNotContain(server.Carrier.Requests, r => r.Path.Contains(forged, StringComparison.Ordinal));
        Assert.Equal(callsBefore, (await api.GetAsync("/v1/calls?limit=100")).Body.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task A_webhook_public_key_must_be_an_Ed25519_key_and_only_on_a_Telnyx_number()
    {
        using var api = server.Api();
        using var telnyx = new TelnyxWebhookClient(server.BaseAddress);
        var id = await PhoneLine.CreateNumberAsync(api, PhoneLine.NewNumber(), ApiKey, carrier: "telnyx", webhookPublicKey: telnyx.PublicKey);
        Assert.Equal(telnyx.PublicKey, (await api.GetAsync($"/v1/phone-numbers/{id}")).String("webhook_public_key"));
        (await api.PatchAsync($"/v1/phone-numbers/{id}", """{"webhook_public_key": "c2hvcnQ="}""")).AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
        var twilio = await PhoneLine.CreateNumberAsync(api, PhoneLine.NewNumber(), "twilio-token-0123456789");
        (await api.PatchAsync($"/v1/phone-numbers/{twilio}", $$"""{"webhook_public_key": "{{telnyx.PublicKey}}"}""")).AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
    }

    private string CarrierHost => $"127.0.0.1:{server.Carrier.BaseAddress.Port}";

    /// <summary>Places a call from a new Telnyx number of <paramref name="telnyx"/>'s account; the call and what Parley asked Telnyx to dial.</summary>
    private async Task<(ApiAnswer Placed, JsonElement Dial)> PlaceAsync(ApiClient api, TelnyxWebhookClient telnyx)
    {
        var from = PhoneLine.NewNumber();
        await PhoneLine.CreateNumberAsync(api, from, ApiKey, carrier: "telnyx", allowedHost: CarrierHost, webhookPublicKey: telnyx.PublicKey);
        var placed = (await api.PostAsync("/v1/calls", $$"""{"from": "{{from}}", "to": "+15557654321"}""")).AssertStatus(HttpStatusCode.Created);
        var dial = server.Carrier.Requests.Where(r => r.Path == "/v2/calls").Select(r => JsonDocument.Parse(r.Body).RootElement).Last(d => Text(d, "from") == from);
        return (placed, dial);
    }

    /// <summary>Events of the call Telnyx dialled for <paramref name="placed"/>, carrying the <c>client_state</c> Parley gave it.</summary>
    private static Func<string, string?, string?, string> OutboundCall(ApiAnswer placed, JsonElement dial)
        => (eventType, cause, sipCause) => TelnyxWebhookClient.Event(
            eventType, placed.String("carrier_call_id"), Connection, Text(dial, "from"), Text(dial, "to"), direction: "outgoing",
            clientState: Text(dial, "client_state"), hangupCause: cause, sipHangupCause: sipCause);

    private static async Task PostAsync(TelnyxWebhookClient telnyx, string body, HttpStatusCode expected)
    {
        var (status, text) = await telnyx.PostAsync(Webhook, body);
        Assert.True(status == expected, $"{status} {text}");
    }

    private static async Task<string> StatusAsync(ApiClient api, string callId)
        => (await api.GetAsync($"/v1/calls/{callId}")).AssertStatus(HttpStatusCode.OK).String("status");

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()!;

    private static async Task<List<(string Role, string Text)>> StoredTranscriptAsync(ApiClient api, string conversationId)
    {
        var messages = (await api.GetAsync($"/v1/conversations/{conversationId}/messages")).AssertStatus(HttpStatusCode.OK).Body.GetProperty("data");
        var voice = messages.EnumerateArray().Single().GetProperty("content").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "voice");
        return [.. voice.GetProperty("timeline_events").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "transcript")
            .Select(e => (e.GetProperty("role").GetString()!, e.GetProperty("text").GetString()!))];
    }
}
