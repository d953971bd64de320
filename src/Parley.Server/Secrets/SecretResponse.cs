using Parley.Storage.Secrets;

namespace Parley.Server.Secrets;

/// <summary>A secret as the API shows it (the SDK's <c>Secret</c>, plus Parley's <c>allowed_hosts</c>, null when unbound): never its value.</summary>
internal sealed record SecretResponse(string Id, string Name, IReadOnlyList<string>? AllowedHosts, DateTimeOffset CreatedAt)
{
    public string Object => "secret";

    public static SecretResponse From(SecretRecord secret) => new(secret.Id, secret.Name, secret.AllowedHosts, secret.CreatedAt);
}
