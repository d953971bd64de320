namespace Parley.Server.Webhooks;

/// <summary>How webhook deliveries are attempted and retried; bound from <c>Parley:Webhooks</c>.</summary>
public sealed record WebhookDeliveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Parley:Webhooks";

    /// <summary>The wait before the first retry; each later wait doubles it (with ±20 % jitter), up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long after an event its delivery is still tried; then it is given up (<c>failed</c>).</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long one attempt may take, from connecting to the receiver's status.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the queue is looked at for deliveries other nodes queued (this node's own are attempted at once).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long finished deliveries (and their attempts) stay visible through the API.</summary>
    public TimeSpan DeliveryRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Deliveries attempted at once.</summary>
    public int MaxConcurrentAttempts { get; init; } = 4;

    /// <summary>This server's address as receivers reach it (e.g. <c>https://parley.example.com</c>), to make recordings' <c>audio_uri</c> absolute in events; unset, they are paths.</summary>
    public string? PublicUrl { get; init; }

    /// <summary>The most webhooks one teamspace may have.</summary>
    public int MaxPerTeamspace { get; init; } = 50;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting out of range.</summary>
    public WebhookDeliveryOptions Validate()
    {
        Require(FirstRetryDelay > TimeSpan.Zero, nameof(FirstRetryDelay), "positive");
        Require(MaxRetryDelay >= FirstRetryDelay, nameof(MaxRetryDelay), "at least FirstRetryDelay");
        Require(RetryFor > TimeSpan.Zero, nameof(RetryFor), "positive");
        Require(AttemptTimeout > TimeSpan.Zero, nameof(AttemptTimeout), "positive");
        Require(PollInterval > TimeSpan.Zero, nameof(PollInterval), "positive");
        Require(DeliveryRetention > TimeSpan.Zero, nameof(DeliveryRetention), "positive");
        Require(MaxConcurrentAttempts > 0, nameof(MaxConcurrentAttempts), "at least 1");
        Require(MaxPerTeamspace > 0, nameof(MaxPerTeamspace), "at least 1");
        Require(PublicUrl is null || (Uri.TryCreate(PublicUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"), nameof(PublicUrl), "an absolute http(s) URL");
        return this;
    }

    private static void Require(bool valid, string name, string what)
    {
        if (!valid)
        {
            throw new InvalidOperationException($"{Section}:{name} must be {what}.");
        }
    }
}
