using Microsoft.Net.Http.Headers;
using Parley.Server.Api;
using Parley.Sessions;
using Parley.Storage.ApiKeys;

namespace Parley.Server.Voice;

/// <summary>Finds who a voice socket belongs to, from <c>?token=</c> or <c>Authorization: Bearer</c>: an API key or a handoff token.</summary>
/// <remarks>
/// A handoff token counts only while the key it was issued to is live, so revoking a key voids its pending handoff
/// URLs on every node. Wrong tokens count against the client's address like wrong keys on the REST API.
/// </remarks>
internal sealed class TokenAuthenticator(ApiKeyStore keys, IHandoffTokenStore handoffs, AuthFailureThrottle throttle)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The caller, or a refusal for a missing, unknown, revoked, expired or already used token, or a throttled address.</summary>
    public async Task<SocketAuthentication> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var token = Token(request);
        if (string.IsNullOrEmpty(token))
        {
            return new SocketAuthentication(null);
        }

        var address = request.HttpContext.Connection.RemoteIpAddress;
        if (await throttle.RetryAfterAsync(address, cancellationToken).ConfigureAwait(false) is { } wait)
        {
            return new SocketAuthentication(null, wait);
        }

        var caller = await FindAsync(token, cancellationToken).ConfigureAwait(false);
        if (caller is null)
        {
            await throttle.RecordFailureAsync(address, cancellationToken).ConfigureAwait(false);
        }

        return new SocketAuthentication(caller);
    }

    private async Task<CallerIdentity?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (token.StartsWith(IHandoffTokenStore.Prefix, StringComparison.Ordinal))
        {
            var grant = await handoffs.RedeemAsync(token, cancellationToken).ConfigureAwait(false);
            if (grant is null)
            {
                return null;
            }

            var live = await keys.FindActiveIdsAsync([grant.ApiKeyId], cancellationToken).ConfigureAwait(false);
            return live.Contains(grant.ApiKeyId) ? new CallerIdentity(grant.TeamspaceId, grant.ApiKeyId, grant.Start) : null;
        }

        var key = await keys.FindActiveAsync(token, cancellationToken).ConfigureAwait(false);
        return key is null ? null : new CallerIdentity(key.TeamspaceId, key.Id);
    }

    private static string? Token(HttpRequest request)
    {
        var fromQuery = request.Query["token"].ToString();
        if (fromQuery.Length > 0)
        {
            return fromQuery;
        }

        var header = request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
    }
}
