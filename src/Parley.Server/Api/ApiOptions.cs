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

    /// <summary>Failed sign-ins (wrong or revoked keys and tokens) one client address may make per <see cref="FailedAuthWindow"/> before it is refused until the window ends.</summary>
    public int FailedAuthLimit { get; init; } = 20;

    /// <summary>The window of <see cref="FailedAuthLimit"/>, from an address's first failure.</summary>
    public TimeSpan FailedAuthWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Most client addresses whose failures are remembered at once (the oldest are forgotten first).</summary>
    public int FailedAuthTrackedAddresses { get; init; } = 10_000;

    /// <summary>How often live voice sessions are checked for a key revoked elsewhere (the <c>keys</c> command, another node).</summary>
    public TimeSpan RevokedKeyCheckInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Require(RequestsPerWindow > 0, nameof(RequestsPerWindow), "at least 1");
        Require(RateLimitWindow > TimeSpan.Zero, nameof(RateLimitWindow), "positive");
        Require(HandoffTokenLifetime > TimeSpan.Zero, nameof(HandoffTokenLifetime), "positive");
        Require(MaxUploadBytes > 0, nameof(MaxUploadBytes), "at least 1");
        Require(FailedAuthLimit > 0, nameof(FailedAuthLimit), "at least 1");
        Require(FailedAuthWindow > TimeSpan.Zero, nameof(FailedAuthWindow), "positive");
        Require(FailedAuthTrackedAddresses > 0, nameof(FailedAuthTrackedAddresses), "at least 1");
        Require(RevokedKeyCheckInterval > TimeSpan.Zero, nameof(RevokedKeyCheckInterval), "positive");
    }

    private static void Require(bool valid, string name, string what)
    {
        if (!valid)
        {
            throw new InvalidOperationException($"Parley:Api:{name} must be {what}.");
        }
    }
}
