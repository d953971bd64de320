namespace Parley.Server.Api;

/// <summary>Limits of the REST API; bound from <c>Parley:Api</c>.</summary>
public sealed record ApiOptions
{
    /// <summary>Requests each API key may make per window.</summary>
    public int RequestsPerWindow { get; init; } = 600;

    /// <summary>The rate-limit window.</summary>
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a handoff token from <c>POST /v1/voice</c> stays valid.</summary>
    public TimeSpan HandoffTokenLifetime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest upload (knowledge files) accepted.</summary>
    public long MaxUploadBytes { get; init; } = 50L * 1024 * 1024;
}
