namespace Parley.Server.Secrets;

/// <summary>The body of <c>POST /v1/secrets</c> (the SDK's <c>SecretCreateParams</c>, plus Parley's <c>allowed_hosts</c>).</summary>
/// <param name="Name">The name headers refer to it by (<c>{{secret:NAME}}</c>).</param>
/// <param name="Value">The value, write-only.</param>
/// <param name="AllowedHosts">The hosts (<c>name</c> or <c>name:port</c>) the value may be sent to; absent for an unbound secret, which only an admin key may create.</param>
internal sealed record SecretCreateRequest(string? Name, string? Value, IReadOnlyList<string>? AllowedHosts = null);
