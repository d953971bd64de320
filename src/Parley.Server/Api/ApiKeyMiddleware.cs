using System.Globalization;
using Microsoft.Net.Http.Headers;
using Parley.Storage.ApiKeys;

namespace Parley.Server.Api;

/// <summary>Authenticates <c>/v1</c> requests by <c>Authorization: Bearer API_KEY</c>; 401 with the error body otherwise, 429 for an address that failed too often.</summary>
/// <remarks>The <c>Datagrid-Teamspace</c> header some SDKs send is accepted and ignored: a key belongs to one teamspace.</remarks>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyStore keys, AuthFailureThrottle throttle)
{
    private const string BearerPrefix = "Bearer ";

    public async Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers[HeaderNames.Authorization].ToString();
        var token = header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
        var address = context.Connection.RemoteIpAddress;
        if (!string.IsNullOrEmpty(token) && await throttle.RetryAfterAsync(address, context.RequestAborted).ConfigureAwait(false) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await ApiResults.WriteAsync(context, new ApiError(
                429, ApiErrorCodes.RateLimitExceeded, $"Too many failed sign-ins from this address; try again in {seconds} s.", true)).ConfigureAwait(false);
            return;
        }

        var key = string.IsNullOrEmpty(token) ? null : await keys.FindActiveAsync(token, context.RequestAborted).ConfigureAwait(false);
        if (key is null)
        {
            if (!string.IsNullOrEmpty(token))
            {
                await throttle.RecordFailureAsync(address, context.RequestAborted).ConfigureAwait(false);
            }

            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ApiResults.WriteAsync(context, new ApiError(
                401, ApiErrorCodes.Unauthorized, string.IsNullOrEmpty(token) ? "Send 'Authorization: Bearer API_KEY'." : "The API key is unknown or revoked.", false)).ConfigureAwait(false);
            return;
        }

        CallerContext.Set(context, new ApiCaller(key.TeamspaceId, key.Id, key.IsAdmin || key.IsOperator, key.IsOperator));
        await next(context).ConfigureAwait(false);
    }
}
