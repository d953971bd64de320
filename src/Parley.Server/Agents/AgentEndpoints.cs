using Parley.Agents.Providers;
using Parley.Server.Api;
using Parley.Server.Engines;
using Parley.Server.Knowledge;
using Parley.Storage.Agents;
using Parley.Tools.Outbound;

namespace Parley.Server.Agents;

/// <summary><c>/v1/agents</c>: create, retrieve, update, list, delete; every teamspace has a default agent.</summary>
internal static class AgentEndpoints
{
    private const string DefaultName = "New agent";

    public static void MapAgents(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/agents").WithTags("Agents");
        group.MapPost("/", CreateAsync).Produces<AgentResponse>(StatusCodes.Status201Created).Accepts<AgentResponse>("application/json");
        group.MapGet("/", ListAsync).Produces<ListResponse<AgentResponse>>();
        group.MapGet("/{id}", RetrieveAsync).Produces<AgentResponse>();
        group.MapPatch("/{id}", UpdateAsync).Produces<AgentResponse>().Accepts<AgentResponse>("application/json");
        group.MapDelete("/{id}", DeleteAsync).Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, AgentStore agents, EngineHost engines, KnowledgeReferenceCheck knowledge, AgentModelOptions models, OutboundAddressGuard outbound)
    {
        var caller = context.Caller();
        using var body = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var (name, spec) = body is null ? (DefaultName, new AgentSpec()) : AgentChanges.Apply(RequireObject(body.RootElement), DefaultName, new AgentSpec(), engines.Voices, outbound);
        await RequireKnowledgeAsync(knowledge, caller.TeamspaceId, spec, context.RequestAborted).ConfigureAwait(false);
        var agent = await agents.CreateAsync(caller.TeamspaceId, name, spec, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(AgentResponse.From(agent, models), AgentsJsonContext.Default.AgentResponse, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, AgentStore agents, AgentModelOptions models)
    {
        var caller = context.Caller();
        var page = PageQuery.Read(context.Request);
        await agents.GetDefaultAsync(caller.TeamspaceId, context.RequestAborted).ConfigureAwait(false);
        var rows = await agents.ListAsync(caller.TeamspaceId, Pages.Probe(page), context.Request.Query["search"].ToString(), context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(Pages.From(rows, page, a => AgentResponse.From(a, models)), AgentsJsonContext.Default.ListResponseAgentResponse);
    }

    private static async Task<IResult> RetrieveAsync(string id, HttpContext context, AgentStore agents, AgentModelOptions models)
    {
        var agent = await agents.FindAsync(context.Caller().TeamspaceId, id, context.RequestAborted).ConfigureAwait(false);
        return agent is null
            ? ApiResults.NotFound("Agent", id)
            : ApiResults.Json(AgentResponse.From(agent, models), AgentsJsonContext.Default.AgentResponse);
    }

    private static async Task<IResult> UpdateAsync(
        string id, HttpContext context, AgentStore agents, EngineHost engines, KnowledgeReferenceCheck knowledge, AgentModelOptions models, OutboundAddressGuard outbound)
    {
        var caller = context.Caller();
        var agent = await agents.FindAsync(caller.TeamspaceId, id, context.RequestAborted).ConfigureAwait(false);
        if (agent is null)
        {
            return ApiResults.NotFound("Agent", id);
        }

        using var body = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        if (body is null)
        {
            return ApiResults.Json(AgentResponse.From(agent, models), AgentsJsonContext.Default.AgentResponse);
        }

        // Checked on the agent as read (bad values, missing knowledge), then applied to the agent as stored at the
        // moment of writing, under its row lock: concurrent PATCHes of different fields all land.
        var changes = RequireObject(body.RootElement);
        var (_, checkedSpec) = AgentChanges.Apply(changes, agent.Name, agent.Spec, engines.Voices, outbound);
        await RequireKnowledgeAsync(knowledge, caller.TeamspaceId, checkedSpec, context.RequestAborted).ConfigureAwait(false);
        var updated = await agents.UpdateAsync(
            caller.TeamspaceId, id, current => AgentChanges.Apply(changes, current.Name, current.Spec, engines.Voices, outbound), context.RequestAborted).ConfigureAwait(false);
        return updated is null
            ? ApiResults.NotFound("Agent", id)
            : ApiResults.Json(AgentResponse.From(updated, models), AgentsJsonContext.Default.AgentResponse);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, AgentStore agents)
        => await agents.DeleteAsync(context.Caller().TeamspaceId, id, context.RequestAborted).ConfigureAwait(false)
            ? Results.NoContent()
            : ApiResults.NotFound("Agent", id);

    private static async Task RequireKnowledgeAsync(KnowledgeReferenceCheck knowledge, string teamspaceId, AgentSpec spec, CancellationToken cancellationToken)
    {
        if (await knowledge.FindMissingAsync(teamspaceId, spec.KnowledgeIds ?? [], cancellationToken).ConfigureAwait(false) is { } missing)
        {
            throw ApiException.NotFound(missing);
        }
    }

    private static System.Text.Json.JsonElement RequireObject(System.Text.Json.JsonElement root)
        => root.ValueKind == System.Text.Json.JsonValueKind.Object ? root : throw ApiException.BadRequest("The request body must be a JSON object.");
}
