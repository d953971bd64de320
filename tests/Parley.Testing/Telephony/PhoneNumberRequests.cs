using System.Text.Json;

namespace Parley.Testing.Telephony;

/// <summary>The REST bodies that set a phone number up: a secret holding the carrier's credential, then the number itself.</summary>
public static class PhoneNumberRequests
{
    /// <summary>The Twilio account every emulated number belongs to.</summary>
    public const string TwilioAccountSid = "AC00000000000000000000000000000000";

    /// <summary>A fresh E.164 number, so callers sharing a server never collide.</summary>
    public static string NewNumber() => "+1555" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>POST /v1/secrets</c>: the carrier credential (for Twilio, the auth token webhooks are signed with).</summary>
    public static string Secret(string name, string credential, string? allowedHost = null)
    {
        var body = new Dictionary<string, object> { ["name"] = name, ["value"] = credential };
        if (allowedHost is not null)
        {
            body["allowed_hosts"] = new[] { allowedHost };
        }

        return JsonSerializer.Serialize(body);
    }

    /// <summary>
    /// <c>POST /v1/phone-numbers</c>: the number, its carrier account (null: the emulated one) and credential secret,
    /// agent (null: the default), greeting, and for Telnyx the public key its webhooks are signed with.
    /// </summary>
    public static string Number(
        string number, string credentialSecret, string carrier = "twilio", string? greeting = null, string? agentId = null, bool recording = true,
        string? webhookPublicKey = null, string? accountId = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["number"] = number, ["carrier"] = carrier, ["account_id"] = accountId ?? (carrier == "twilio" ? TwilioAccountSid : "connection-1"),
            ["credential_secret"] = credentialSecret, ["greeting"] = greeting, ["agent_id"] = agentId, ["recording"] = recording,
        };
        if (webhookPublicKey is not null)
        {
            body["webhook_public_key"] = webhookPublicKey;
        }

        return JsonSerializer.Serialize(body);
    }
}
