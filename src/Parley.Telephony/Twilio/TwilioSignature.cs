using global::Twilio.Security;

namespace Parley.Telephony.Twilio;

/// <summary>Checks Twilio's <c>X-Twilio-Signature</c> of a webhook with Twilio's own validator, keyed by the account's auth token.</summary>
/// <remarks>
/// Twilio signs the full URL it requested (as configured on the number, so behind a proxy it is the public one) and the
/// POSTed form parameters; a request whose signature does not match did not come from the account, whatever it says.
/// </remarks>
public static class TwilioSignature
{
    /// <summary>The header Twilio sends the signature in.</summary>
    public const string Header = "X-Twilio-Signature";

    /// <summary>Whether <paramref name="signature"/> is Twilio's for <paramref name="url"/> and <paramref name="form"/> under <paramref name="authToken"/>.</summary>
    public static bool IsValid(string authToken, Uri url, IDictionary<string, string> form, string? signature)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        return new RequestValidator(authToken).Validate(url.AbsoluteUri, form, signature);
    }
}
