using Microsoft.Net.Http.Headers;
using Parley.Server.Api;
using Parley.Storage.ApiKeys;

namespace Parley.Server.Telemetry;

/// <summary>Guards the metrics endpoint when <see cref="MetricsOptions.RequireKey"/>: only an operator key may scrape, as the figures are the whole server's.</summary>
/// <remarks>Wrong keys count against the client's address as on the REST API (429 once it failed too often).</remarks>
internal sealed class MetricsKeyMiddleware(RequestDelegate next, ApiKeyStore keys, AuthFailureThrottle throttle)
{
    private const string BearerPrefix = "Bearer ";

    public async Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers[HeaderNames.Authorization].ToString();
        var token = header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
        var address = context.Connection.RemoteIpAddress;
        if (!string.IsNullOrEmpty(token) && await throttle.RetryAfterAsync(address, context.RequestAborted).ConfigureAwait(false) is not null)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return;
        }

        var key = string.IsNullOrEmpty(token) ? null : await keys.FindActiveAsync(token, context.RequestAborted).ConfigureAwait(false);
        if (key is null && !string.IsNullOrEmpty(token))
        {
            await throttle.RecordFailureAsync(address, context.RequestAborted).ConfigureAwait(false);
        }

        if (key is not { IsOperator: true })
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            context.Response.StatusCode = key is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
