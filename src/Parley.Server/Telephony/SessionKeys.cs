namespace Parley.Server.Telephony;

/// <summary>What an inbound call's session counts against, in place of an API key: the number called.</summary>
/// <remarks>Such ids are no keys: the revoked-key check leaves their sessions alone (see <c>SessionRegistry.ApiKeyIds</c>).</remarks>
internal static class SessionKeys
{
    /// <summary>The prefix of ids that name a phone number, not an API key.</summary>
    public const string NumberPrefix = "phone-number:";

    public static string ForNumber(string phoneNumberId) => NumberPrefix + phoneNumberId;

    public static bool IsApiKey(string id) => !id.StartsWith(NumberPrefix, StringComparison.Ordinal);
}
