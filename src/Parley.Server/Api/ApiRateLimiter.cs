using System.Globalization;

namespace Parley.Server.Api;

/// <summary>Per-key fixed-window rate limiting of the REST API, with the Datagrid headers on every answer.</summary>
/// <remarks>
/// Headers: <c>X-RateLimit-Limit</c>, <c>X-RateLimit-Remaining</c>, <c>X-RateLimit-Reset</c> (epoch seconds), and on
/// a refusal <c>Retry-After</c> with the 429 error body (<c>rate_limit_exceeded</c>, retryable). A key's window starts
/// with its first request; on a cluster it is counted in Redis, so it holds across every node.
/// </remarks>
internal sealed class ApiRateLimiter
{
    private static readonly object DecisionKey = new();

    private readonly ApiOptions _options;
    private readonly TimeProvider _time;
    private readonly IRequestWindows _windows;

    public ApiRateLimiter(ApiOptions options, TimeProvider time, RequestWindowSource windows)
    {
        _options = options;
        _time = time;
        _windows = windows.Create("requests", options.RateLimitWindow, InMemoryRequestWindowsKeys);
    }

    // One window per API key in use: far more than any server has keys calling at once.
    private const int InMemoryRequestWindowsKeys = 100_000;

    /// <summary>Counts the request against its caller's window; false when the window is full (answer with <see cref="RejectAsync"/>).</summary>
    public async ValueTask<bool> TryAcquireAsync(HttpContext context)
    {
        if (CallerContext.Find(context) is not { } caller)
        {
            return true;
        }

        var count = await _windows.HitAsync(caller.ApiKeyId, context.RequestAborted).ConfigureAwait(false);
        context.Items[DecisionKey] = count;
        return count.Count <= _options.RequestsPerWindow;
    }

    /// <summary>Adds the rate-limit headers for the caller of this request.</summary>
    public void AddHeaders(HttpContext context)
    {
        if (context.Items[DecisionKey] is not WindowCount count)
        {
            return;
        }

        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = _options.RequestsPerWindow.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = Math.Max(0, _options.RequestsPerWindow - count.Count).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = Reset(count).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Answers a refused request: 429, the headers, and the error body.</summary>
    public async ValueTask RejectAsync(HttpContext context)
    {
        AddHeaders(context);
        var wait = context.Items[DecisionKey] is WindowCount count ? Reset(count) - _time.GetUtcNow() : _options.RateLimitWindow;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiResults.WriteAsync(context, new ApiError(
            429, ApiErrorCodes.RateLimitExceeded, $"Too many requests for this API key; try again in {seconds} s.", true)).ConfigureAwait(false);
    }

    private DateTimeOffset Reset(WindowCount count) => count.Ends ?? _time.GetUtcNow() + _options.RateLimitWindow;
}
