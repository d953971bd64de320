using Parley.Server.Api;
using Parley.Storage.Secrets;
using Parley.Tools.Outbound;

namespace Parley.Server.Secrets;

/// <summary><c>/v1/secrets</c>: create, retrieve, list, delete. Values are write-only: stored encrypted, used by webhooks and MCP servers, never returned.</summary>
/// <remarks>
/// A secret is bound at creation to the hosts it may be sent to (<c>allowed_hosts</c>), and cannot be changed, only
/// deleted and created anew; any key of the teamspace may create a bound one. An unbound secret goes wherever any key
/// of the teamspace points a webhook or MCP server, so only an admin key may create one.
/// </remarks>
internal static class SecretEndpoints
{
    private const int MaxValueChars = 16_384;
    private const int MaxAllowedHosts = 32;
    private const int MaxHostChars = 260;

    public static void MapSecrets(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/secrets").WithTags("Secrets");
        group.MapPost("/", CreateAsync).Produces<SecretResponse>(StatusCodes.Status201Created).Accepts<SecretCreateRequest>("application/json");
        group.MapGet("/", ListAsync).Produces<ListResponse<SecretResponse>>();
        group.MapGet("/{id}", RetrieveAsync).Produces<SecretResponse>();
        group.MapDelete("/{id}", DeleteAsync).Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, SecretStore secrets)
    {
        var caller = context.Caller();
        var body = await JsonBody.ReadAsync(context.Request, SecretsJsonContext.Default.SecretCreateRequest, () => new SecretCreateRequest(null, null)).ConfigureAwait(false);
        var name = body.Name ?? throw ApiException.Unprocessable("'name' is required.");
        if (!SecretReferences.IsValidName(name))
        {
            throw ApiException.Unprocessable(
                $"'name' must be 1 to {SecretReferences.MaxNameChars} characters, without braces, control characters, or spaces at either end.");
        }

        var value = body.Value ?? throw ApiException.Unprocessable("'value' is required.");
        if (value.Length is 0 or > MaxValueChars)
        {
            throw ApiException.Unprocessable($"'value' must be 1 to {MaxValueChars} characters.");
        }

        var allowedHosts = AllowedHosts(body.AllowedHosts);
        if (allowedHosts is null && !caller.IsAdmin)
        {
            throw new ApiException(new ApiError(
                StatusCodes.Status403Forbidden,
                ApiErrorCodes.Forbidden,
                "A secret without 'allowed_hosts' may be sent to any host, so only an admin key may create one; name the hosts it is for in 'allowed_hosts'.",
                false));
        }

        var secret = await secrets.CreateAsync(caller.TeamspaceId, name, value, allowedHosts, context.RequestAborted).ConfigureAwait(false)
            ?? throw new ApiException(new ApiError(StatusCodes.Status409Conflict, ApiErrorCodes.Conflict, $"A secret named '{name}' already exists; delete it first to replace it.", false));
        return ApiResults.Json(SecretResponse.From(secret), SecretsJsonContext.Default.SecretResponse, StatusCodes.Status201Created);
    }

    /// <summary>The hosts a new secret is bound to, each a host or host:port as the outbound allow-list takes them; null when not given.</summary>
    private static List<string>? AllowedHosts(IReadOnlyList<string>? hosts)
    {
        if (hosts is null)
        {
            return null;
        }

        if (hosts.Count is 0 or > MaxAllowedHosts)
        {
            throw ApiException.Unprocessable($"'allowed_hosts' must name 1 to {MaxAllowedHosts} hosts, or be left out.");
        }

        var valid = new List<string>();
        foreach (var host in hosts)
        {
            try
            {
                valid.Add(host is { Length: <= MaxHostChars } ? HostAllowList.Format(HostAllowList.Parse(host)) : throw new FormatException("too long"));
            }
            catch (FormatException)
            {
                throw ApiException.Unprocessable($"'allowed_hosts' holds '{host}', which is not a host or host:port (e.g. crm.example.com, api.example.com:8443).");
            }
        }

        return valid;
    }

    private static async Task<IResult> ListAsync(HttpContext context, SecretStore secrets)
    {
        var page = PageQuery.Read(context.Request);
        var rows = await secrets.ListAsync(context.Caller().TeamspaceId, Pages.Probe(page), context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(Pages.From(rows, page, SecretResponse.From), SecretsJsonContext.Default.ListResponseSecretResponse);
    }

    private static async Task<IResult> RetrieveAsync(string id, HttpContext context, SecretStore secrets)
    {
        var secret = await secrets.FindAsync(context.Caller().TeamspaceId, id, context.RequestAborted).ConfigureAwait(false);
        return secret is null
            ? ApiResults.NotFound("Secret", id)
            : ApiResults.Json(SecretResponse.From(secret), SecretsJsonContext.Default.SecretResponse);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, SecretStore secrets)
        => await secrets.DeleteAsync(context.Caller().TeamspaceId, id, context.RequestAborted).ConfigureAwait(false)
            ? Results.NoContent()
            : ApiResults.NotFound("Secret", id);
}
