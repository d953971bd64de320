using System.Net;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Parley.Testing.Telephony;

/// <summary>
/// Posts Call Control webhooks as Telnyx does: its JSON envelope (<c>{"data": {"record_type": "event", "event_type", "id",
/// "occurred_at", "payload"}, "meta"}</c>), signed with the account's Ed25519 private key over <c>{timestamp}|{body}</c>,
/// the signature in <c>telnyx-signature-ed25519</c> (base64) and the Unix time in <c>telnyx-timestamp</c>.
/// </summary>
/// <remarks>Each client is one Telnyx account with a key pair of its own, made at test time; the server is given <see cref="PublicKey"/>.</remarks>
public sealed class TelnyxWebhookClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _baseAddress;
    private readonly Ed25519PrivateKeyParameters _privateKey;

    public TelnyxWebhookClient(Uri baseAddress)
    {
        _baseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress };
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        _privateKey = (Ed25519PrivateKeyParameters)pair.Private;
        PublicKey = Convert.ToBase64String(((Ed25519PublicKeyParameters)pair.Public).GetEncoded());
    }

    /// <summary>The account's public key, base64, as Telnyx's portal shows it.</summary>
    public string PublicKey { get; }

    /// <summary>The account's signature of <paramref name="body"/> at <paramref name="timestamp"/>.</summary>
    public string Sign(string timestamp, byte[] body)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _privateKey);
        var signed = Encoding.ASCII.GetBytes(timestamp + "|").Concat(body).ToArray();
        signer.BlockUpdate(signed, 0, signed.Length);
        return Convert.ToBase64String(signer.GenerateSignature());
    }

    /// <summary>
    /// Posts <paramref name="body"/> to <paramref name="path"/>, signed at <paramref name="signedAt"/> (default now); the
    /// signature may be overridden to forge one, and <paramref name="tamper"/> changes the body after it was signed.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(
        string path, string body, DateTimeOffset? signedAt = null, string? signature = null, Func<string, string>? tamper = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sent = tamper is null ? bytes : Encoding.UTF8.GetBytes(tamper(body));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseAddress, path)) { Content = new ByteArrayContent(sent) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("telnyx-signature-ed25519", signature ?? Sign(timestamp, bytes));
        request.Headers.Add("telnyx-timestamp", timestamp);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// One Call Control event as Telnyx writes it. <paramref name="clientState"/> is the <c>client_state</c> as the call
    /// carries it (base64, echoed from the last command that set it).
    /// </summary>
    public static string Event(
        string eventType, string callControlId, string connectionId, string from, string to, string? direction = null, string? clientState = null,
        string? hangupCause = null, string? sipHangupCause = null, string? streamUrl = null)
    {
        var payload = new Dictionary<string, object?>
        {
            ["call_control_id"] = callControlId,
            ["call_leg_id"] = Guid.NewGuid().ToString(),
            ["call_session_id"] = Guid.NewGuid().ToString(),
            ["client_state"] = clientState,
            ["connection_id"] = connectionId,
            ["from"] = from,
            ["to"] = to,
        };
        switch (eventType)
        {
            case "call.initiated":
                payload["direction"] = direction;
                payload["state"] = direction == "incoming" ? "parked" : "bridging";
                payload["start_time"] = DateTimeOffset.UtcNow.ToString("O");
                break;
            case "call.answered":
                payload["state"] = "answered";
                break;
            case "call.hangup":
                payload["state"] = "hangup";
                payload["hangup_cause"] = hangupCause;
                payload["hangup_source"] = hangupCause == "normal_clearing" ? "caller" : "callee";
                payload["sip_hangup_cause"] = sipHangupCause;
                payload["start_time"] = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("O");
                break;
            case "streaming.started" or "streaming.stopped":
                payload["stream_url"] = streamUrl;
                break;
        }

        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["data"] = new Dictionary<string, object?>
            {
                ["record_type"] = "event",
                ["event_type"] = eventType,
                ["id"] = Guid.NewGuid().ToString(),
                ["occurred_at"] = DateTimeOffset.UtcNow.ToString("O"),
                ["payload"] = payload,
            },
            ["meta"] = new Dictionary<string, object?> { ["attempt"] = 1, ["delivered_to"] = "/telephony/telnyx/webhook" },
        });
    }

    public void Dispose() => _http.Dispose();
}
