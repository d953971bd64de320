namespace Parley.Telephony.Telnyx;

/// <summary>What checking a Telnyx webhook's signature found.</summary>
public enum TelnyxSignatureCheck
{
    /// <summary>Signed by the account, within the replay window.</summary>
    Valid,

    /// <summary>No usable public key to check with (none configured, or not 32 bytes of base64).</summary>
    NoKey,

    /// <summary>No signature or timestamp, or one that is not in Telnyx's form.</summary>
    Unsigned,

    /// <summary>A signature the account's key does not verify.</summary>
    Forged,

    /// <summary>Truly signed, but at a time outside the replay window.</summary>
    Stale,
}
