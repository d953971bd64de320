using System.Net.Http.Headers;
using System.Text.Json;
using Parley.Telephony.Calls;
using Parley.Telephony.Media;

namespace Parley.Telephony.Telnyx;

/// <summary>Places calls through Telnyx's Call Control API: <c>POST /v2/calls</c> (JSON, Bearer API key) with bidirectional RTP streaming to Parley.</summary>
/// <remarks>
/// The stream's token goes as <c>stream_auth_token</c>, which Telnyx sends back in the stream's upgrade and <c>connected</c>.
/// Telnyx reports progress by signed webhooks (<c>call.initiated</c>, <c>call.answered</c>, <c>call.hangup</c>) to
/// <c>webhook_url</c>, each carrying the call's <c>client_state</c>: Parley's id of the call, so a webhook that arrives
/// before this request's answer still finds its call.
/// </remarks>
public sealed class TelnyxCalls(HttpClient http, TelephonyOptions options) : ICarrierCalls
{
    public string Carrier => "telnyx";

    public async Task<PlacedCall> PlaceAsync(OutboundCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = CarrierJson.Write(w =>
        {
            w.WriteString("connection_id", request.AccountId);
            w.WriteString("to", request.To);
            w.WriteString("from", request.From);
            w.WriteString("stream_url", request.StreamUrl.AbsoluteUri);
            w.WriteString("stream_track", "inbound_track");
            w.WriteString("stream_bidirectional_mode", "rtp");
            w.WriteString("stream_bidirectional_codec", "PCMU");
            w.WriteString("stream_auth_token", request.StreamToken);
            if (request.StatusCallbackUrl is { } webhook)
            {
                w.WriteString("webhook_url", webhook.AbsoluteUri);
                w.WriteString("webhook_url_method", "POST");
            }

            if (request.CallReference is { } reference)
            {
                w.WriteString("client_state", TelnyxWebhookEvent.EncodeClientState(reference));
            }
        });
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(options.TelnyxApiBaseUrl, "/v2/calls"))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", request.Credential);
        var answer = await CarrierHttp.SendAsync(http, message, "Telnyx", options.CarrierRequestTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(answer);
            var id = document.RootElement.GetProperty("data").GetProperty("call_control_id").GetString();
            return id is { Length: > 0 } ? new PlacedCall(id, "queued") : throw new CarrierCallException("Telnyx answered without a call_control_id.");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CarrierCallException("Telnyx's answer was not a call.", ex);
        }
    }
}
