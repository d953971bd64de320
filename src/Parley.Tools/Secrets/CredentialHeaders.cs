using Parley.Storage.Secrets;

namespace Parley.Tools.Secrets;

/// <summary>Headers that carry credentials, whose values must come from secrets rather than sit in an agent in clear.</summary>
/// <remarks>
/// An agent is readable by every key of its teamspace, so a credential written into one is handed to all of them.
/// A header counts as a credential by its name (<c>Authorization</c>, <c>Cookie</c>, or any name holding key, token,
/// secret, auth, password, session or signature), and is in clear when its value refers to no secret.
/// </remarks>
public static class CredentialHeaders
{
    private static readonly string[] Words = ["key", "token", "secret", "auth", "password", "passwd", "session", "signature", "credential"];

    /// <summary>Whether a header of this name carries a credential.</summary>
    public static bool IsCredential(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Equals("Cookie", StringComparison.OrdinalIgnoreCase)
            || Words.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether this header holds a credential in clear: a credential header whose value refers to no secret.</summary>
    public static bool IsInClear(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IsCredential(name) && value.Length > 0 && SecretReferences.Names(value).Count == 0;
    }
}
