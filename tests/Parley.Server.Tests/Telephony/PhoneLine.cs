using System.Net;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Telephony;

namespace Parley.Server.Tests.Telephony;

/// <summary>Sets a test's phone number up through the API (a secret holding the carrier credential, the number), and calls it as Twilio would.</summary>
internal static class PhoneLine
{
    public const string AccountSid = PhoneNumberRequests.TwilioAccountSid;

    /// <summary>A fresh E.164 number, so tests sharing a server never collide.</summary>
    public static string NewNumber() => PhoneNumberRequests.NewNumber();

    /// <summary>Creates the credential secret and the number; returns the number's id.</summary>
    public static async Task<string> CreateNumberAsync(
        ApiClient api, string number, string credential, string carrier = "twilio", string? greeting = null, string? agentId = null, string? allowedHost = null,
        bool recording = true, string? webhookPublicKey = null, string? accountId = null)
    {
        var secret = $"carrier-{Guid.NewGuid():N}";
        (await api.PostAsync("/v1/secrets", PhoneNumberRequests.Secret(secret, credential, allowedHost))).AssertStatus(HttpStatusCode.Created);
        var created = (await api.PostAsync(
                "/v1/phone-numbers", PhoneNumberRequests.Number(number, secret, carrier, greeting, agentId, recording, webhookPublicKey, accountId)))
            .AssertStatus(HttpStatusCode.Created);
        return created.Id;
    }

    /// <summary>Rings <paramref name="number"/> through the signed voice webhook and reads the TwiML's stream URL and token.</summary>
    public static async Task<(Uri StreamUrl, string Token)> RingAsync(Uri baseAddress, string authToken, string number)
    {
        using var twilio = new TwilioWebhookClient(baseAddress, authToken);
        return await twilio.RingAsync(AccountSid, "+15550001111", number);
    }

    /// <summary>
    /// Reads call <paramref name="callId"/> until its status is <paramref name="status"/> (at most 15 s) and returns the
    /// last answer: a hung-up line reaches the server's session asynchronously, so the status follows a moment later.
    /// </summary>
    public static async Task<ApiAnswer> WaitForCallStatusAsync(ApiClient api, string callId, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var call = (await api.GetAsync($"/v1/calls/{callId}")).AssertStatus(HttpStatusCode.OK);
            if (call.String("status") == status || DateTime.UtcNow >= deadline)
            {
                return call;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The stream URL and token of TwiML that connects a stream.</summary>
    public static (Uri StreamUrl, string Token) ReadStream(string twiml) => TwilioWebhookClient.ReadStream(twiml);
}
