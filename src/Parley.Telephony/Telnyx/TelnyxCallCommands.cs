using System.Net.Http.Headers;
using Parley.Telephony.Calls;
using Parley.Telephony.Media;

namespace Parley.Telephony.Telnyx;

/// <summary>Call Control commands on a call Telnyx announced by webhook: <c>POST /v2/calls/{call_control_id}/actions/{answer|reject}</c>, JSON, Bearer API key.</summary>
public sealed class TelnyxCallCommands(HttpClient http, TelephonyOptions options)
{
    /// <summary>
    /// Answers an incoming call with its media streamed both ways to <paramref name="streamUrl"/> (RTP, PCMU), carrying the
    /// single-use <paramref name="streamToken"/>; Telnyx's webhooks of the call carry <paramref name="callReference"/> back.
    /// </summary>
    /// <exception cref="CarrierCallException">Telnyx refused, failed, or did not answer in time.</exception>
    public Task AnswerAsync(
        string apiKey, string callControlId, Uri streamUrl, string streamToken, string callReference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamUrl);
        var body = CarrierJson.Write(w =>
        {
            w.WriteString("stream_url", streamUrl.AbsoluteUri);
            w.WriteString("stream_track", "inbound_track");
            w.WriteString("stream_bidirectional_mode", "rtp");
            w.WriteString("stream_bidirectional_codec", "PCMU");
            w.WriteString("stream_auth_token", streamToken);
            w.WriteString("client_state", TelnyxWebhookEvent.EncodeClientState(callReference));
            // A retried call.initiated makes Parley answer again; Telnyx ignores a command_id it saw within 60 s.
            w.WriteString("command_id", "answer-" + callReference);
        });
        return SendAsync(apiKey, callControlId, "answer", body, cancellationToken);
    }

    /// <summary>Refuses an incoming call before answering it (nothing is charged; the caller hears the network's rejection).</summary>
    /// <exception cref="CarrierCallException">Telnyx refused, failed, or did not answer in time.</exception>
    public Task RejectAsync(string apiKey, string callControlId, CancellationToken cancellationToken = default)
        => SendAsync(apiKey, callControlId, "reject", CarrierJson.Write(w => w.WriteString("cause", "CALL_REJECTED")), cancellationToken);

    private async Task SendAsync(string apiKey, string callControlId, string action, byte[] body, CancellationToken cancellationToken)
    {
        var url = new Uri(options.TelnyxApiBaseUrl, $"/v2/calls/{Uri.EscapeDataString(callControlId)}/actions/{action}");
        using var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        await CarrierHttp.SendAsync(http, message, "Telnyx", options.CarrierRequestTimeout, cancellationToken).ConfigureAwait(false);
    }
}
