using Microsoft.Net.Http.Headers;
using Parley.Storage.ApiKeys;

namespace Parley.Server.Telemetry;

/// <summary>Guards the metrics endpoint when <see cref="MetricsOptions.RequireKey"/>: only an active admin key may scrape.</summary>
internal sealed class MetricsKeyMiddleware(RequestDelegate next, ApiKeyStore keys)
{
    private const string BearerPrefix = "Bearer ";

    public async Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers[HeaderNames.Authorization].ToString();
        var token = header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
        var key = string.IsNullOrEmpty(token) ? null : await keys.FindActiveAsync(token, context.RequestAborted).ConfigureAwait(false);
        if (key is not { IsAdmin: true })
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            context.Response.StatusCode = key is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
