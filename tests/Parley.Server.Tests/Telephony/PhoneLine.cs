using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Telephony;

namespace Parley.Server.Tests.Telephony;

/// <summary>Sets a test's phone number up through the API (a secret holding the carrier credential, the number), and calls it as Twilio would.</summary>
internal static class PhoneLine
{
    public const string AccountSid = "AC00000000000000000000000000000000";

    /// <summary>A fresh E.164 number, so tests sharing a server never collide.</summary>
    public static string NewNumber() => "+1555" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Creates the credential secret and the number; returns the number's id.</summary>
    public static async Task<string> CreateNumberAsync(
        ApiClient api, string number, string credential, string carrier = "twilio", string? greeting = null, string? agentId = null, string? allowedHost = null,
        bool recording = true, string? webhookPublicKey = null, string? accountId = null)
    {
        var secret = $"carrier-{Guid.NewGuid():N}";
        var hosts = allowedHost is null ? string.Empty : $", \"allowed_hosts\": [{JsonSerializer.Serialize(allowedHost)}]";
        (await api.PostAsync("/v1/secrets", $$"""{"name": "{{secret}}", "value": {{JsonSerializer.Serialize(credential)}}{{hosts}}}""")).AssertStatus(HttpStatusCode.Created);
        var body = new Dictionary<string, object?>
        {
            ["number"] = number, ["carrier"] = carrier, ["account_id"] = accountId ?? (carrier == "twilio" ? AccountSid : "connection-1"), ["credential_secret"] = secret,
            ["greeting"] = greeting, ["agent_id"] = agentId, ["recording"] = recording,
        };
        if (webhookPublicKey is not null)
        {
            body["webhook_public_key"] = webhookPublicKey;
        }

        var created = (await api.PostAsync("/v1/phone-numbers", JsonSerializer.Serialize(body))).AssertStatus(HttpStatusCode.Created);
        return created.Id;
    }

    /// <summary>Rings <paramref name="number"/> through the signed voice webhook and reads the TwiML's stream URL and token.</summary>
    public static async Task<(Uri StreamUrl, string Token)> RingAsync(Uri baseAddress, string authToken, string number)
    {
        using var twilio = new TwilioWebhookClient(baseAddress, authToken);
        var (status, twiml) = await twilio.PostAsync("/telephony/twilio/voice", TwilioWebhookClient.VoiceForm(AccountSid, "+15550001111", number));
        Assert.Equal(HttpStatusCode.OK, status);
        return ReadStream(twiml);
    }

    /// <summary>The stream URL and token of TwiML that connects a stream.</summary>
    public static (Uri StreamUrl, string Token) ReadStream(string twiml)
    {
        var stream = XDocument.Parse(twiml).Descendants("Stream").Single();
        Assert.Equal("Connect", stream.Parent!.Name.LocalName);
        var token = stream.Elements("Parameter").Single(p => (string?)p.Attribute("name") == "parley_token").Attribute("value")!.Value;
        return (new Uri(stream.Attribute("url")!.Value), token);
    }
}
