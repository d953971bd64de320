namespace Parley.Server.Health;

/// <summary>The body of <c>/healthz</c>.</summary>
internal sealed record HealthStatus(string Status);
