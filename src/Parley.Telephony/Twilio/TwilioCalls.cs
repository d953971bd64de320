using System.Text.Json;
using Parley.Telephony.Calls;

namespace Parley.Telephony.Twilio;

/// <summary>Places calls through Twilio's REST API: <c>POST /2010-04-01/Accounts/{AccountSid}/Calls.json</c>, form-encoded, Basic auth.</summary>
/// <remarks>
/// The call's TwiML is given inline (<c>Twiml</c>): once answered, its media stream connects to Parley with the call's
/// token. Twilio reports the call's progress to <c>StatusCallback</c> (initiated, ringing, answered, completed).
/// </remarks>
public sealed class TwilioCalls(HttpClient http, TelephonyOptions options) : ICarrierCalls
{
    public string Carrier => "twilio";

    public async Task<PlacedCall> PlaceAsync(OutboundCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = new List<KeyValuePair<string, string>>
        {
            new("To", request.To),
            new("From", request.From),
            new("Twiml", TwilioTwiml.ConnectStream(request.StreamUrl, request.StreamToken)),
        };
        if (request.StatusCallbackUrl is { } callback)
        {
            form.Add(new("StatusCallback", callback.AbsoluteUri));
            form.Add(new("StatusCallbackMethod", "POST"));
            foreach (var callEvent in new[] { "initiated", "ringing", "answered", "completed" })
            {
                form.Add(new("StatusCallbackEvent", callEvent));
            }
        }

        var url = new Uri(options.TwilioApiBaseUrl, $"/2010-04-01/Accounts/{Uri.EscapeDataString(request.AccountId)}/Calls.json");
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        message.Headers.Authorization = CarrierHttp.Basic(request.AccountId, request.Credential);
        var body = await CarrierHttp.SendAsync(http, message, "Twilio", options.CarrierRequestTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var sid = root.GetProperty("sid").GetString();
            return sid is { Length: > 0 }
                ? new PlacedCall(sid, root.TryGetProperty("status", out var status) ? status.GetString() ?? "queued" : "queued")
                : throw new CarrierCallException("Twilio answered without a call sid.");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CarrierCallException("Twilio's answer was not a call resource.", ex);
        }
    }
}
