namespace Parley.Server.Secrets;

/// <summary>The body of <c>POST /v1/secrets</c> (the SDK's <c>SecretCreateParams</c>).</summary>
internal sealed record SecretCreateRequest(string? Name, string? Value);
