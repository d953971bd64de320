using Parley.Server.Api;
using Parley.Storage.ApiKeys;
using Parley.Storage.Teamspaces;

namespace Parley.Server.Keys;

/// <summary><c>/v1/keys</c>, for admin keys only: create (in any teamspace), list (prefixes only) and revoke.</summary>
/// <remarks><c>?teamspace_id=</c> picks the teamspace to list or revoke in; the admin's own by default.</remarks>
internal static class KeyEndpoints
{
    public static void MapKeys(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/keys").WithTags("API keys").AddEndpointFilter(RequireAdmin);
        group.MapPost("/", CreateAsync).Produces<ApiKeyResponse>(StatusCodes.Status201Created).Accepts<CreateKeyRequest>("application/json");
        group.MapGet("/", ListAsync).Produces<ListResponse<ApiKeyResponse>>();
        group.MapDelete("/{id}", RevokeAsync).Produces(StatusCodes.Status204NoContent);
    }

    private static async ValueTask<object?> RequireAdmin(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        => context.HttpContext.Caller().IsAdmin
            ? await next(context).ConfigureAwait(false)
            : ApiResults.Error(new ApiError(403, ApiErrorCodes.Forbidden, "Only an admin key may manage keys.", false));

    private static async Task<IResult> CreateAsync(HttpContext context, ApiKeyStore keys, TeamspaceStore teamspaces)
    {
        var caller = context.Caller();
        var request = await JsonBody.ReadAsync(context.Request, KeysJsonContext.Default.CreateKeyRequest, () => new CreateKeyRequest(null, null, null)).ConfigureAwait(false);
        var teamspaceId = request.TeamspaceId ?? caller.TeamspaceId;
        if (teamspaceId.Length is 0 or > 100)
        {
            throw ApiException.Unprocessable("'teamspace_id' must be 1 to 100 characters.");
        }

        await teamspaces.EnsureAsync(teamspaceId, teamspaceId, context.RequestAborted).ConfigureAwait(false);
        var (key, raw) = await keys.CreateAsync(teamspaceId, request.Name ?? "unnamed", request.IsAdmin == true, context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(ApiKeyResponse.From(key, raw), KeysJsonContext.Default.ApiKeyResponse, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, ApiKeyStore keys)
    {
        var list = await keys.ListAsync(Teamspace(context), context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(new ListResponse<ApiKeyResponse>([.. list.Select(k => ApiKeyResponse.From(k))], false), KeysJsonContext.Default.ListResponseApiKeyResponse);
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext context, ApiKeyStore keys)
        => await keys.RevokeAsync(Teamspace(context), id, context.RequestAborted).ConfigureAwait(false)
            ? Results.NoContent()
            : ApiResults.NotFound("API key", id);

    private static string Teamspace(HttpContext context)
        => context.Request.Query["teamspace_id"].ToString() is { Length: > 0 } requested ? requested : context.Caller().TeamspaceId;
}
