using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Parley.Server.Api;

/// <summary>Per-key fixed-window rate limiting on ASP.NET Core's limiter, with the Datagrid headers on every answer.</summary>
/// <remarks>
/// Headers: <c>X-RateLimit-Limit</c>, <c>X-RateLimit-Remaining</c>, <c>X-RateLimit-Reset</c> (epoch seconds), and on
/// a refusal <c>Retry-After</c> with the 429 error body (<c>rate_limit_exceeded</c>, retryable).
/// </remarks>
internal sealed class ApiRateLimiter : IDisposable
{
    private readonly ApiOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _windowStarts = new();

    public ApiRateLimiter(ApiOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var caller = CallerContext.Find(context);
            if (caller is null)
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            return RateLimitPartition.GetFixedWindowLimiter(caller.ApiKeyId, key =>
            {
                _windowStarts[key] = _time.GetUtcNow();
                return new FixedWindowRateLimiterOptions
                {
                    PermitLimit = _options.RequestsPerWindow,
                    Window = _options.RateLimitWindow,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                };
            });
        });
    }

    /// <summary>The limiter to install as the global one of the API branch.</summary>
    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>Adds the rate-limit headers for the caller of this request.</summary>
    public void AddHeaders(HttpContext context)
    {
        var caller = CallerContext.Find(context);
        if (caller is null)
        {
            return;
        }

        var remaining = Limiter.GetStatistics(context)?.CurrentAvailablePermits ?? _options.RequestsPerWindow;
        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = _options.RequestsPerWindow.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = Math.Max(0, remaining).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = NextReset(caller.ApiKeyId).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Answers a refused request: 429, the headers, and the error body.</summary>
    public async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        AddHeaders(context);
        var caller = CallerContext.Find(context);
        var wait = caller is null ? _options.RateLimitWindow : NextReset(caller.ApiKeyId) - _time.GetUtcNow();
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiResults.WriteAsync(context, new ApiError(
            429, ApiErrorCodes.RateLimitExceeded, $"Too many requests for this API key; try again in {seconds} s.", true)).ConfigureAwait(false);
    }

    private DateTimeOffset NextReset(string apiKeyId)
    {
        var now = _time.GetUtcNow();
        var start = _windowStarts.GetValueOrDefault(apiKeyId, now);
        var windows = Math.Floor((now - start) / _options.RateLimitWindow) + 1;
        return start + (_options.RateLimitWindow * windows);
    }

    public void Dispose() => Limiter.Dispose();
}
