namespace Parley.Client.Http;

/// <summary>How <see cref="ParleyRetryHandler"/> retries 429 and 5xx answers.</summary>
public sealed class ParleyRetryOptions
{
    /// <summary>Tries in all, the first included (default 3); 1 turns retrying off.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry when the server gives no <c>Retry-After</c> (default 0.5 s); it doubles each time.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest backoff wait (default 8 s).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>A <c>Retry-After</c> longer than this is not waited for: the 429 goes to the caller (default 60 s).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws when a value cannot work.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryAfter, TimeSpan.Zero, nameof(MaxRetryAfter));
    }
}
