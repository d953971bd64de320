using Microsoft.Net.Http.Headers;
using Parley.Storage.ApiKeys;

namespace Parley.Server.Api;

/// <summary>Authenticates <c>/v1</c> requests by <c>Authorization: Bearer API_KEY</c>; 401 with the error body otherwise.</summary>
/// <remarks>The <c>Datagrid-Teamspace</c> header some SDKs send is accepted and ignored: a key belongs to one teamspace.</remarks>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyStore keys)
{
    private const string BearerPrefix = "Bearer ";

    public async Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers[HeaderNames.Authorization].ToString();
        var token = header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
        var key = string.IsNullOrEmpty(token) ? null : await keys.FindActiveAsync(token, context.RequestAborted).ConfigureAwait(false);
        if (key is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ApiResults.WriteAsync(context, new ApiError(
                401, ApiErrorCodes.Unauthorized, token is null ? "Send 'Authorization: Bearer API_KEY'." : "The API key is unknown or revoked.", false)).ConfigureAwait(false);
            return;
        }

        CallerContext.Set(context, new ApiCaller(key.TeamspaceId, key.Id, key.IsAdmin));
        await next(context).ConfigureAwait(false);
    }
}
