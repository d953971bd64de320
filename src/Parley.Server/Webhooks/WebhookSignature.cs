using System.Security.Cryptography;

namespace Parley.Server.Webhooks;

/// <summary>The <c>Datagrid-Signature</c> of a delivery: HMAC-SHA256 of the raw JSON body with the webhook's secret, as lowercase hex.</summary>
/// <remarks>
/// The body holds the event's <c>timestamp</c> (Unix seconds, set anew at each attempt), so a receiver that checks the
/// signature and refuses a timestamp older than a few minutes cannot be fed a captured delivery again.
/// </remarks>
internal static class WebhookSignature
{
    /// <summary>The header that carries it.</summary>
    public const string Header = "Datagrid-Signature";

    /// <summary>A new signing secret: 32 random bytes, as <c>whsec_</c> and base64url.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The signature of <paramref name="body"/> under <paramref name="secret"/> (its UTF-8 bytes are the key).</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body)
        => Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Whether <paramref name="signature"/> is that of <paramref name="body"/>, compared in constant time.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string signature)
        => CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Sign(secret, body)), System.Text.Encoding.ASCII.GetBytes(signature ?? string.Empty));
}
