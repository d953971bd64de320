using System.Text;
using Parley.Telephony.Telnyx;

namespace Parley.Telephony.Tests.Telnyx;

/// <summary>How Telnyx's Call Control events move a call, and how they are read from Telnyx's envelope.</summary>
public sealed class TelnyxCallProgressTests
{
    [Theory]
    [InlineData("call.initiated", "ringing")]
    [InlineData("call.answered", "in-progress")]
    [InlineData("streaming.started", "in-progress")]
    public void Events_before_the_end_move_the_call_on(string eventType, string status)
        => Assert.Equal(new TelnyxCallProgress(status), TelnyxCallProgress.Of(Event(eventType), answered: false));

    [Theory]
    [InlineData("streaming.stopped")]
    [InlineData("call.bridged")]
    [InlineData("call.speak.ended")]
    public void Events_that_say_nothing_of_the_calls_state_move_nothing(string eventType)
        => Assert.Null(TelnyxCallProgress.Of(Event(eventType), answered: false));

    [Theory]
    [InlineData("normal_clearing", false)]
    [InlineData("time_limit", false)]
    [InlineData("user_busy", true)]
    [InlineData(null, true)]
    public void A_hangup_of_a_call_that_was_talking_completes_it(string? cause, bool answered)
        => Assert.Equal(new TelnyxCallProgress("completed"), TelnyxCallProgress.Of(Event("call.hangup", cause, "16"), answered));

    [Theory]
    [InlineData("user_busy", "486", "Telnyx: the line was busy (user_busy, SIP 486).")]
    [InlineData("timeout", "487", "Telnyx: nobody answered (timeout, SIP 487).")]
    [InlineData("no_answer", null, "Telnyx: nobody answered (no_answer).")]
    [InlineData("call_rejected", "603", "Telnyx: the call was rejected (call_rejected, SIP 603).")]
    [InlineData("not_found", "404", "Telnyx: the number was not found (not_found, SIP 404).")]
    [InlineData("originator_cancel", null, "Telnyx: the call was cancelled before it was answered (originator_cancel).")]
    [InlineData("unspecified", null, "Telnyx: the call ended before it was answered (unspecified).")]
    [InlineData(null, null, "Telnyx: the call ended before it was answered (unspecified).")]
    public void A_hangup_before_an_answer_fails_the_call_with_the_cause(string? cause, string? sipCause, string error)
        => Assert.Equal(new TelnyxCallProgress("failed", error), TelnyxCallProgress.Of(Event("call.hangup", cause, sipCause), answered: false));

    [Fact]
    public void An_event_is_read_from_Telnyxs_envelope_with_its_client_state_decoded()
    {
        var json = $$$"""
            {"data": {"record_type": "event", "event_type": "call.hangup", "id": "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0", "occurred_at": "2026-12-03T12:00:00Z",
              "payload": {"call_control_id": "v3:abc", "connection_id": "7267", "client_state": "{{{Convert.ToBase64String(Encoding.UTF8.GetBytes("call_123"))}}}",
                "from": "+15550001111", "to": "+15550002222", "hangup_cause": "user_busy", "hangup_source": "callee", "sip_hangup_cause": "486"}},
             "meta": {"attempt": 1, "delivered_to": "https://example.com/telephony/telnyx/webhook"}}
            """;
        var e = TelnyxWebhookEvent.Parse(Encoding.UTF8.GetBytes(json), out var problem);
        Assert.Null(problem);
        Assert.Equal(
            new TelnyxWebhookEvent("call.hangup", "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0", "v3:abc", "7267", null, "+15550001111", "+15550002222", "call_123", "user_busy", "486"),
            e);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"data": {"event_type": "call.hangup"}}""")]
    [InlineData("""{"data": {"payload": {"call_control_id": "v3:abc"}}}""")]
    [InlineData("""{"event_type": "call.hangup", "payload": {"call_control_id": "v3:abc"}}""")]
    public void Anything_else_is_no_event(string json)
    {
        Assert.Null(TelnyxWebhookEvent.Parse(Encoding.UTF8.GetBytes(json), out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void A_client_state_that_is_not_base64_text_is_left_out()
    {
        var json = """{"data": {"event_type": "call.answered", "payload": {"call_control_id": "v3:abc", "client_state": "%%%"}}}""";
        Assert.Null(TelnyxWebhookEvent.Parse(Encoding.UTF8.GetBytes(json), out _)!.ClientState);
    }

    private static TelnyxWebhookEvent Event(string eventType, string? cause = null, string? sipCause = null)
        => new(eventType, "id", "v3:abc", "7267", "outgoing", "+15550001111", "+15550002222", null, cause, sipCause);
}
