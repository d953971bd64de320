using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Parley.Storage.Secrets;

/// <summary>Encrypts secret values for storage with ASP.NET Core Data Protection, under a purpose of their own.</summary>
/// <remarks>
/// The key ring lives apart from the database (in the data folder's <c>keys/</c> on one node, in Redis on a cluster),
/// so a database copy or a PostgreSQL dump alone cannot be read; lose the key ring and the stored values cannot be read either.
/// </remarks>
public sealed class SecretProtector
{
    /// <summary>The Data Protection purpose; a new version of the format gets a new purpose.</summary>
    public const string Purpose = "Parley.Secrets.v1";

    /// <summary>The Data Protection application name: fixed, since the default (the content root) would orphan the keys when the server moves.</summary>
    public const string ApplicationName = "parley";

    private readonly IDataProtector _protector;

    /// <summary>Protects with keys from <paramref name="provider"/>.</summary>
    public SecretProtector(IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _protector = provider.CreateProtector(Purpose);
    }

    /// <summary>A protector whose key ring is kept in <paramref name="keyDirectory"/>, created if missing.</summary>
    public static SecretProtector WithKeysIn(string keyDirectory)
    {
        var directory = Directory.CreateDirectory(Path.GetFullPath(keyDirectory));
        return new SecretProtector(DataProtectionProvider.Create(directory, builder => builder.SetApplicationName(ApplicationName)));
    }

    /// <summary>The value as stored.</summary>
    public string Protect(string value) => _protector.Protect(value);

    /// <summary>The value as given, from what <see cref="Protect"/> stored.</summary>
    /// <exception cref="CryptographicException">The key that protected it is gone, or the text was altered.</exception>
    public string Unprotect(string protectedValue) => _protector.Unprotect(protectedValue);
}
