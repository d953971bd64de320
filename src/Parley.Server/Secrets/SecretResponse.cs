using Parley.Storage.Secrets;

namespace Parley.Server.Secrets;

/// <summary>A secret as the API shows it (the SDK's <c>Secret</c>): never its value.</summary>
internal sealed record SecretResponse(string Id, string Name, DateTimeOffset CreatedAt)
{
    public string Object => "secret";

    public static SecretResponse From(SecretRecord secret) => new(secret.Id, secret.Name, secret.CreatedAt);
}
