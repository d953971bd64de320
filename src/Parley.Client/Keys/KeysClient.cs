using Parley.Client.Http;
using Parley.Client.Paging;
using Parley.Client.Serialization;

namespace Parley.Client.Keys;

/// <summary><c>/v1/keys</c>, for admin keys only (403 otherwise): create, list (prefixes only) and revoke.</summary>
public sealed class KeysClient
{
    private const string Path = "v1/keys";
    private readonly ParleyHttp _http;

    internal KeysClient(ParleyHttp http) => _http = http;

    /// <summary>Creates a key; the answer's <see cref="ApiKey.Key"/> is the only time the key is shown.</summary>
    public Task<ApiKey> CreateAsync(ApiKeyRequest request, CancellationToken cancellationToken = default)
        => _http.SendJsonAsync(HttpMethod.Post, Path, request, ClientJsonContext.Default.ApiKeyRequest, ClientJsonContext.Default.ApiKey, cancellationToken);

    /// <summary>The keys of a teamspace (the admin's own by default), revoked ones included.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(string? teamspaceId = null, CancellationToken cancellationToken = default)
    {
        var page = await _http.GetAsync(QueryString.Append(Path, [new("teamspace_id", teamspaceId)]), ClientJsonContext.Default.ListPageApiKey, cancellationToken).ConfigureAwait(false);
        return page.Data;
    }

    /// <summary>Revokes a key: it stops working at once.</summary>
    public Task RevokeAsync(string id, string? teamspaceId = null, CancellationToken cancellationToken = default)
        => _http.DeleteAsync(QueryString.Append($"{Path}/{QueryString.Segment(id)}", [new("teamspace_id", teamspaceId)]), cancellationToken);
}
