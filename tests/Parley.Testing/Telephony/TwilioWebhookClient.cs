using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Parley.Testing.Telephony;

/// <summary>Posts webhooks as Twilio does: form-encoded, signed with <c>X-Twilio-Signature</c> by Twilio's published scheme.</summary>
/// <remarks>
/// The scheme, written here from Twilio's documentation rather than taken from its library (which the server uses to
/// check it): the full URL, then each POST parameter's name and value, sorted by name, all concatenated; HMAC-SHA1 of
/// that under the account's auth token; base64.
/// </remarks>
public sealed class TwilioWebhookClient(Uri baseAddress, string authToken) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress };

    /// <summary>Twilio's signature of <paramref name="url"/> and <paramref name="form"/> under <paramref name="token"/>.</summary>
    public static string Sign(string token, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

#pragma warning disable CA5350 // Twilio's scheme is HMAC-SHA1: the emulated carrier must sign as Twilio does.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    /// <summary>Posts a signed webhook to <paramref name="pathAndQuery"/>; the signature may be overridden to forge one.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string pathAndQuery, IReadOnlyDictionary<string, string> form, string? signature = null)
    {
        var url = new Uri(baseAddress, pathAndQuery).AbsoluteUri;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature ?? Sign(authToken, url, form));
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Rings <paramref name="to"/> as Twilio does when a call comes in (the signed voice webhook) and reads the stream URL and
    /// token from the TwiML it is answered with; throws when the call is not answered with a stream.
    /// </summary>
    public async Task<(Uri StreamUrl, string Token)> RingAsync(string accountSid, string from, string to, string callSid = "CA0123456789abcdef0123456789abcdef")
    {
        var (status, twiml) = await PostAsync("/telephony/twilio/voice", VoiceForm(accountSid, from, to, callSid));
        return status == HttpStatusCode.OK
            ? ReadStream(twiml)
            : throw new InvalidOperationException($"The voice webhook answered {(int)status}: {twiml}");
    }

    /// <summary>The stream URL and token of TwiML that connects the call's media stream (<c>&lt;Connect&gt;&lt;Stream&gt;</c>).</summary>
    public static (Uri StreamUrl, string Token) ReadStream(string twiml)
    {
        var stream = XDocument.Parse(twiml).Descendants("Stream").SingleOrDefault();
        if (stream is null || stream.Parent?.Name.LocalName != "Connect")
        {
            throw new InvalidDataException($"The TwiML connects no stream: {twiml}");
        }

        var token = stream.Elements("Parameter").SingleOrDefault(p => (string?)p.Attribute("name") == "parley_token")?.Attribute("value")?.Value
            ?? throw new InvalidDataException($"The TwiML's stream has no parley_token parameter: {twiml}");
        var url = stream.Attribute("url")?.Value ?? throw new InvalidDataException($"The TwiML's stream has no url: {twiml}");
        return (new Uri(url), token);
    }

    /// <summary>The voice webhook of a call from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static Dictionary<string, string> VoiceForm(string accountSid, string from, string to, string callSid = "CA0123456789abcdef0123456789abcdef") => new()
    {
        ["AccountSid"] = accountSid,
        ["ApiVersion"] = "2010-04-01",
        ["CallSid"] = callSid,
        ["CallStatus"] = "ringing",
        ["Direction"] = "inbound",
        ["From"] = from,
        ["To"] = to,
    };

    public void Dispose() => _http.Dispose();
}
