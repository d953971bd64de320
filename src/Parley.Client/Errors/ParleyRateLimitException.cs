using System.Net;

namespace Parley.Client.Errors;

/// <summary>429 Too Many Requests, left after the retry handler gave up: the key's request budget is spent for now.</summary>
public sealed class ParleyRateLimitException : ParleyApiException
{
    public ParleyRateLimitException()
    {
    }

    public ParleyRateLimitException(string message)
        : base(message)
    {
    }

    public ParleyRateLimitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error as the server described it, with its <c>Retry-After</c>.</summary>
    public ParleyRateLimitException(string error, string message, TimeSpan? retryAfter)
        : base(HttpStatusCode.TooManyRequests, error, message, retryable: true)
        => RetryAfter = retryAfter;

    /// <summary>How long the server asked to wait (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; }
}
