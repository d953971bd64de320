using Parley.Server.Api;
using Parley.Server.Voice;
using Parley.Storage.ApiKeys;
using Parley.Storage.Teamspaces;

namespace Parley.Server.Keys;

/// <summary><c>/v1/keys</c>, for admin keys only: create, list (prefixes only) and revoke the keys of the admin's own teamspace.</summary>
/// <remarks>
/// Only the operator (the bootstrap key, or a key the <c>keys</c> command made with <c>--operator</c>) may name another
/// teamspace (<c>teamspace_id</c> in the body, <c>?teamspace_id=</c> to list or revoke), and so create teamspaces, or
/// revoke an operator key. Revoking a key also voids its unredeemed handoff URLs and ends its live voice sessions.
/// </remarks>
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
            : Forbidden("Only an admin key may manage keys.");

    private static async Task<IResult> CreateAsync(HttpContext context, ApiKeyStore keys, TeamspaceStore teamspaces)
    {
        var caller = context.Caller();
        var request = await JsonBody.ReadAsync(context.Request, KeysJsonContext.Default.CreateKeyRequest, () => new CreateKeyRequest(null, null, null)).ConfigureAwait(false);
        var teamspaceId = request.TeamspaceId ?? caller.TeamspaceId;
        if (teamspaceId.Length is 0 or > 100)
        {
            throw ApiException.Unprocessable("'teamspace_id' must be 1 to 100 characters.");
        }

        if (OtherTeamspace(caller, teamspaceId) is { } refused)
        {
            return refused;
        }

        await teamspaces.EnsureAsync(teamspaceId, teamspaceId, context.RequestAborted).ConfigureAwait(false);
        var (key, raw) = await keys.CreateAsync(teamspaceId, request.Name ?? "unnamed", request.IsAdmin == true, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(ApiKeyResponse.From(key, raw), KeysJsonContext.Default.ApiKeyResponse, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, ApiKeyStore keys)
    {
        var teamspaceId = Teamspace(context);
        if (OtherTeamspace(context.Caller(), teamspaceId) is { } refused)
        {
            return refused;
        }

        var list = await keys.ListAsync(teamspaceId, context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(new ListResponse<ApiKeyResponse>([.. list.Select(k => ApiKeyResponse.From(k))], false), KeysJsonContext.Default.ListResponseApiKeyResponse);
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext context, ApiKeyStore keys, IHandoffTokenStore handoffs, IKeyRevocations revocations)
    {
        var caller = context.Caller();
        var teamspaceId = Teamspace(context);
        if (OtherTeamspace(caller, teamspaceId) is { } refused)
        {
            return refused;
        }

        var key = await keys.FindAsync(teamspaceId, id, context.RequestAborted).ConfigureAwait(false);
        if (key is { IsOperator: true } && !caller.IsOperator)
        {
            return Forbidden("Only the operator may revoke an operator key.");
        }

        if (key is null || !await keys.RevokeAsync(teamspaceId, id, context.RequestAborted).ConfigureAwait(false))
        {
            return ApiResults.NotFound("API key", id);
        }

        await handoffs.RevokeKeyAsync(id, context.RequestAborted).ConfigureAwait(false);
        await revocations.AnnounceAsync(id, context.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static IResult? OtherTeamspace(ApiCaller caller, string teamspaceId)
        => teamspaceId == caller.TeamspaceId || caller.IsOperator
            ? null
            : Forbidden("An admin key manages the keys of its own teamspace only; another teamspace needs the operator key.");

    private static IResult Forbidden(string message) => ApiResults.Error(new ApiError(403, ApiErrorCodes.Forbidden, message, false));

    private static string Teamspace(HttpContext context)
        => context.Request.Query["teamspace_id"].ToString() is { Length: > 0 } requested ? requested : context.Caller().TeamspaceId;
}
