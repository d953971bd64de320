using Microsoft.Net.Http.Headers;
using Parley.Sessions;
using Parley.Storage.ApiKeys;

namespace Parley.Server.Voice;

/// <summary>Finds who a voice socket belongs to, from <c>?token=</c> or <c>Authorization: Bearer</c>: an API key or a handoff token.</summary>
internal sealed class TokenAuthenticator(ApiKeyStore keys, IHandoffTokenStore handoffs)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The caller, or null for a missing, unknown, revoked, expired or already used token.</summary>
    public async Task<CallerIdentity?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var token = Token(request);
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        if (token.StartsWith(IHandoffTokenStore.Prefix, StringComparison.Ordinal))
        {
            var grant = await handoffs.RedeemAsync(token, cancellationToken).ConfigureAwait(false);
            return grant is null ? null : new CallerIdentity(grant.TeamspaceId, grant.ApiKeyId, grant.Start);
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
