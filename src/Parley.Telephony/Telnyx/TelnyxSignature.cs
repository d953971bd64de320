using System.Globalization;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Parley.Telephony.Telnyx;

/// <summary>Checks Telnyx's webhook signature: Ed25519 over <c>{telnyx-timestamp}|{raw body}</c> under the account's public key.</summary>
/// <remarks>
/// Telnyx sends the signature (base64, 64 bytes) in <c>telnyx-signature-ed25519</c> and the Unix time it signed at in
/// <c>telnyx-timestamp</c>. The body must be the exact bytes received, never JSON written again. A signature older or
/// newer than the tolerance is refused, so a captured webhook cannot be replayed later.
/// </remarks>
public static class TelnyxSignature
{
    /// <summary>The header Telnyx sends the signature in.</summary>
    public const string SignatureHeader = "telnyx-signature-ed25519";

    /// <summary>The header Telnyx sends the signing time in (Unix seconds).</summary>
    public const string TimestampHeader = "telnyx-timestamp";

    /// <summary>The length of an Ed25519 public key.</summary>
    public const int PublicKeyBytes = 32;

    private const int SignatureBytes = 64;

    /// <summary>The public key in <paramref name="base64"/> (as Telnyx's portal shows it), or null when it is not 32 bytes of base64.</summary>
    public static byte[]? ParsePublicKey(string? base64)
    {
        var bytes = Decode(base64);
        return bytes is { Length: PublicKeyBytes } ? bytes : null;
    }

    /// <summary>Whether the request is signed by the holder of <paramref name="publicKeyBase64"/>'s private key, within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static TelnyxSignatureCheck Check(
        string? publicKeyBase64, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (ParsePublicKey(publicKeyBase64) is not { } key)
        {
            return TelnyxSignatureCheck.NoKey;
        }

        if (Decode(signature) is not { Length: SignatureBytes } signed
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TelnyxSignatureCheck.Unsigned;
        }

        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(key, 0));
        var prefix = Encoding.ASCII.GetBytes(timestamp + "|");
        verifier.BlockUpdate(prefix, 0, prefix.Length);
        verifier.BlockUpdate(body);
        if (!verifier.VerifySignature(signed))
        {
            return TelnyxSignatureCheck.Forged;
        }

        // Checked after the signature, so a stale time is only reported for a webhook Telnyx really sent.
        return seconds < now.ToUnixTimeSeconds() - (long)tolerance.TotalSeconds || seconds > now.ToUnixTimeSeconds() + (long)tolerance.TotalSeconds
            ? TelnyxSignatureCheck.Stale
            : TelnyxSignatureCheck.Valid;
    }

    private static byte[]? Decode(string? base64)
    {
        if (string.IsNullOrEmpty(base64) || base64.Length > 128)
        {
            return null;
        }

        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var written) ? bytes[..written] : null;
    }
}
