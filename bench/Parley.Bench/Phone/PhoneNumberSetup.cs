using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Parley.Testing.Telephony;

namespace Parley.Bench.Phone;

/// <summary>The number the phone callers ring: set up once per run through the REST API (a Twilio credential secret, the number on the default agent).</summary>
/// <remarks>
/// A call is answered with the agent's greeting (a phone line always greets), which each caller hears out before its first
/// question. The auth token is made up here, stored as the number's credential secret, and signs the voice webhooks, as
/// Twilio would sign them with it.
/// </remarks>
internal sealed class PhoneNumberSetup : IDisposable
{
    private readonly TwilioWebhookClient _twilio;

    private PhoneNumberSetup(Uri server, string number, string authToken)
    {
        Number = number;
        _twilio = new TwilioWebhookClient(server, authToken);
    }

    /// <summary>The number called (E.164).</summary>
    public string Number { get; }

    /// <summary>Creates the secret and the number; throws with the server's answer when it refuses (the key must be allowed to).</summary>
    public static async Task<PhoneNumberSetup> CreateAsync(Uri server, string apiKey, CancellationToken cancellationToken = default)
    {
        using var api = new HttpClient { BaseAddress = server };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var authToken = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var secret = $"bench-twilio-{Guid.NewGuid():N}";
        var number = PhoneNumberRequests.NewNumber();
        await PostAsync(api, "/v1/secrets", PhoneNumberRequests.Secret(secret, authToken), cancellationToken);
        await PostAsync(api, "/v1/phone-numbers", PhoneNumberRequests.Number(number, secret), cancellationToken);
        return new PhoneNumberSetup(server, number, authToken);
    }

    /// <summary>Caller <paramref name="caller"/> rings the number: the signed voice webhook, answered with the stream to connect.</summary>
    public Task<(Uri StreamUrl, string Token)> RingAsync(int caller)
    {
        var from = "+1555000" + caller.ToString("D4", CultureInfo.InvariantCulture);
        var callSid = "CA" + Guid.NewGuid().ToString("N");
        return _twilio.RingAsync(PhoneNumberRequests.TwilioAccountSid, from, Number, callSid);
    }

    public void Dispose() => _twilio.Dispose();

    private static async Task PostAsync(HttpClient api, string path, string json, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await api.PostAsync(new Uri(path.TrimStart('/'), UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
