using System.Security.Cryptography;
using System.Text;

namespace Parley.Storage.ApiKeys;

/// <summary>Makes and hashes API keys.</summary>
/// <remarks>Keys carry 192 random bits, so a plain SHA-256 is as strong as a slow hash would be and costs nothing per request.</remarks>
public static class ApiKeyHasher
{
    /// <summary>Every key starts with this, so keys are recognisable in logs and secret scanners.</summary>
    public const string KeyPrefix = "pk_";

    /// <summary>The shortest key an operator may configure (<c>PARLEY_API_KEY</c>): guessing must stay out of reach.</summary>
    public const int MinimumConfiguredLength = 32;

    /// <summary>The most characters of a key ever shown again.</summary>
    public const int MaxDisplayChars = 8;

    /// <summary>A new random key.</summary>
    public static string NewKey() => KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>The hash stored for a key.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The part of a key that may be shown again: enough to tell keys apart, never more than a quarter of it.</summary>
    public static string DisplayPrefix(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key[..Math.Min(MaxDisplayChars, key.Length / 4)];
    }
}
