using System.Globalization;
using System.Text;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Parley.Telephony.Telnyx;

namespace Parley.Telephony.Tests.Telnyx;

/// <summary>Telnyx's webhook signature: Ed25519 over <c>timestamp|body</c> under the account's public key, within a replay window.</summary>
public sealed class TelnyxSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"data":{"event_type":"call.hangup","payload":{"call_control_id":"v3:x","hangup_cause":"user_busy"}}}""");

    [Fact]
    public void A_body_signed_by_the_account_now_is_valid()
    {
        var (key, publicKey) = NewKey();
        var at = Seconds(Now);
        Assert.Equal(TelnyxSignatureCheck.Valid, TelnyxSignature.Check(publicKey, at, Sign(key, at, Body), Body, Now, Tolerance));
    }

    [Fact]
    public void A_signature_of_another_key_or_of_other_bytes_or_time_is_forged()
    {
        var (key, publicKey) = NewKey();
        var (other, _) = NewKey();
        var at = Seconds(Now);
        Assert.Equal(TelnyxSignatureCheck.Forged, TelnyxSignature.Check(publicKey, at, Sign(other, at, Body), Body, Now, Tolerance));
        var changed = Body.ToArray();
        changed[^5] ^= 1;
        Assert.Equal(TelnyxSignatureCheck.Forged, TelnyxSignature.Check(publicKey, at, Sign(key, at, Body), changed, Now, Tolerance));
        // The time is signed too: moving it into the window breaks the signature.
        var old = Seconds(Now.AddHours(-1));
        Assert.Equal(TelnyxSignatureCheck.Forged, TelnyxSignature.Check(publicKey, at, Sign(key, old, Body), Body, Now, Tolerance));
    }

    [Theory]
    [InlineData(-301, TelnyxSignatureCheck.Stale)]
    [InlineData(-299, TelnyxSignatureCheck.Valid)]
    [InlineData(299, TelnyxSignatureCheck.Valid)]
    [InlineData(301, TelnyxSignatureCheck.Stale)]
    public void A_true_signature_outside_the_replay_window_is_stale(int offsetSeconds, TelnyxSignatureCheck expected)
    {
        var (key, publicKey) = NewKey();
        var at = Seconds(Now.AddSeconds(offsetSeconds));
        Assert.Equal(expected, TelnyxSignature.Check(publicKey, at, Sign(key, at, Body), Body, Now, Tolerance));
    }

    [Theory]
    [InlineData(null, "1764763200")]
    [InlineData("", "1764763200")]
    [InlineData("not base64!", "1764763200")]
    [InlineData("AAAA", "1764763200")]
    [InlineData("SIGNATURE", null)]
    [InlineData("SIGNATURE", "12:00")]
    [InlineData("SIGNATURE", "-5")]
    public void A_missing_or_malformed_signature_or_timestamp_is_unsigned(string? signature, string? timestamp)
    {
        var (key, publicKey) = NewKey();
        var real = Sign(key, Seconds(Now), Body);
        Assert.Equal(TelnyxSignatureCheck.Unsigned, TelnyxSignature.Check(publicKey, timestamp, signature == "SIGNATURE" ? real : signature, Body, Now, Tolerance));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("c2hvcnQ=")]
    [InlineData("not a key")]
    public void Without_a_32_byte_public_key_nothing_is_valid(string? publicKey)
    {
        var (key, _) = NewKey();
        var at = Seconds(Now);
        Assert.Equal(TelnyxSignatureCheck.NoKey, TelnyxSignature.Check(publicKey, at, Sign(key, at, Body), Body, Now, Tolerance));
        Assert.Null(TelnyxSignature.ParsePublicKey(publicKey));
    }

    private static (Ed25519PrivateKeyParameters Key, string PublicKey) NewKey()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        return ((Ed25519PrivateKeyParameters)pair.Private, Convert.ToBase64String(((Ed25519PublicKeyParameters)pair.Public).GetEncoded()));
    }

    private static string Sign(Ed25519PrivateKeyParameters key, string timestamp, byte[] body)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, key);
        var data = Encoding.ASCII.GetBytes(timestamp + "|").Concat(body).ToArray();
        signer.BlockUpdate(data, 0, data.Length);
        return Convert.ToBase64String(signer.GenerateSignature());
    }

    private static string Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
