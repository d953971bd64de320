using System.Text;
using Parley.Telephony.Media;

namespace Parley.Telephony.Telnyx;

/// <summary>One Call Control webhook of Telnyx's, as it publishes them: <c>{"data": {"event_type", "id", "occurred_at", "payload": {...}}, "meta": {...}}</c>.</summary>
/// <param name="EventType"><c>call.initiated</c>, <c>call.answered</c>, <c>call.hangup</c>, <c>streaming.started</c>, ...</param>
/// <param name="Id">The event's id (a retried delivery carries the same one).</param>
/// <param name="CallControlId">The call's id for commands (<c>payload.call_control_id</c>).</param>
/// <param name="ConnectionId">The Call Control application the call belongs to (<c>payload.connection_id</c>).</param>
/// <param name="Direction"><c>incoming</c> or <c>outgoing</c> (on <c>call.initiated</c>).</param>
/// <param name="From">The caller.</param>
/// <param name="To">The number called.</param>
/// <param name="ClientState">The <c>client_state</c> Parley set on the call, decoded from base64; null when none or not base64 text.</param>
/// <param name="HangupCause">Why the call ended (<c>normal_clearing</c>, <c>user_busy</c>, <c>timeout</c>, <c>no_answer</c>, <c>call_rejected</c>, ...).</param>
/// <param name="SipHangupCause">The SIP response that ended it (<c>486</c>, ...).</param>
public sealed record TelnyxWebhookEvent(
    string EventType, string? Id, string CallControlId, string? ConnectionId, string? Direction, string? From, string? To, string? ClientState,
    string? HangupCause, string? SipHangupCause)
{
    /// <summary>Longest <c>client_state</c> Parley reads (Telnyx allows a few KB; Parley's own is a call id).</summary>
    private const int MaxClientStateChars = 512;

    /// <summary>The event in <paramref name="utf8"/>, or null with <paramref name="problem"/> when it is not a Call Control event with a call.</summary>
    public static TelnyxWebhookEvent? Parse(ReadOnlySpan<byte> utf8, out string? problem)
    {
        using var document = CarrierJson.Parse(utf8, out problem);
        if (document is null)
        {
            return null;
        }

        var data = CarrierJson.Object(document.RootElement, "data");
        var payload = data is { } d ? CarrierJson.Object(d, "payload") : null;
        var eventType = data is { } e ? CarrierJson.String(e, "event_type") : null;
        var callControlId = payload is { } p ? CarrierJson.String(p, "call_control_id") : null;
        if (data is null || payload is null || string.IsNullOrEmpty(eventType) || string.IsNullOrEmpty(callControlId))
        {
            problem = "not a Call Control event: no data.event_type or data.payload.call_control_id";
            return null;
        }

        var body = payload.Value;
        problem = null;
        return new TelnyxWebhookEvent(
            eventType, CarrierJson.String(data.Value, "id"), callControlId, CarrierJson.String(body, "connection_id"), CarrierJson.String(body, "direction"),
            CarrierJson.String(body, "from"), CarrierJson.String(body, "to"), DecodeClientState(CarrierJson.String(body, "client_state")),
            CarrierJson.String(body, "hangup_cause"), CarrierJson.String(body, "sip_hangup_cause"));
    }

    /// <summary><c>client_state</c> as Telnyx carries it: base64 of the text.</summary>
    public static string EncodeClientState(string state) => Convert.ToBase64String(Encoding.UTF8.GetBytes(state));

    private static string? DecodeClientState(string? base64)
    {
        if (base64 is null || base64.Length > MaxClientStateChars || CarrierJson.Base64(base64) is not { } bytes)
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
