using System.Net;
using System.Text.Json;
using Parley.Client.Serialization;

namespace Parley.Client.Errors;

/// <summary>Turns a failed answer into the typed exception for its status.</summary>
internal static class ApiErrors
{
    public static async Task<ParleyApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var error = body?.Error ?? DefaultCode(status);
        var message = body?.Message ?? $"The server answered {(int)status} {response.ReasonPhrase}.";
        var retryable = body?.Retryable ?? (status == HttpStatusCode.TooManyRequests || (int)status >= 500);
        return Create(status, error, message, retryable, RetryAfter(response));
    }

    public static ParleyApiException Create(HttpStatusCode status, string error, string message, bool retryable, TimeSpan? retryAfter = null) => (int)status switch
    {
        400 or 422 => new ParleyBadRequestException(status, error, message, retryable),
        401 => new ParleyAuthenticationException(status, error, message, retryable),
        403 => new ParleyPermissionDeniedException(status, error, message, retryable),
        404 => new ParleyNotFoundException(status, error, message, retryable),
        429 => new ParleyRateLimitException(error, message, retryAfter),
        >= 500 => new ParleyServerException(status, error, message, retryable),
        _ => new ParleyApiException(status, error, message, retryable),
    };

    /// <summary>The wait a <c>Retry-After</c> header asks for, as seconds or as a date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider? time = null)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - (time ?? TimeProvider.System).GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static async Task<ApiErrorBody?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return text.Length == 0 ? null : JsonSerializer.Deserialize(text, ClientJsonContext.Default.ApiErrorBody);
        }
        catch (JsonException)
        {
            // Not our error body (a proxy's HTML page, say): fall back to the status alone.
            return null;
        }
    }

    private static string DefaultCode(HttpStatusCode status) => (int)status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        422 => "unprocessable_entity",
        429 => "rate_limit_exceeded",
        >= 500 => "internal_error",
        _ => "http_" + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
