using Parley.Server.Api;
using Parley.Storage.Agents;
using Parley.Storage.Conversations;

namespace Parley.Server.Conversations;

/// <summary><c>/v1/conversations</c>: create, retrieve, update, list, delete.</summary>
internal static class ConversationEndpoints
{
    private const int MaxNameChars = 200;

    public static void MapConversations(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/conversations").WithTags("Conversations");
        group.MapPost("/", CreateAsync).Produces<ConversationResponse>(StatusCodes.Status201Created).Accepts<ConversationRequest>("application/json");
        group.MapGet("/", ListAsync).Produces<ListResponse<ConversationResponse>>();
        group.MapGet("/{id}", RetrieveAsync).Produces<ConversationResponse>();
        group.MapPatch("/{id}", UpdateAsync).Produces<ConversationResponse>().Accepts<ConversationRequest>("application/json");
        group.MapDelete("/{id}", DeleteAsync).Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ConversationStore conversations, AgentStore agents)
    {
        var caller = context.Caller();
        var request = await JsonBody.ReadAsync(context.Request, ConversationsJsonContext.Default.ConversationRequest, () => new ConversationRequest(null, null)).ConfigureAwait(false);
        var agentIds = await ValidateAsync(request, caller.TeamspaceId, agents, context.RequestAborted).ConfigureAwait(false);
        var conversation = await conversations.CreateAsync(caller.TeamspaceId, request.Name, agentIds ?? [], context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(ConversationResponse.From(conversation), ConversationsJsonContext.Default.ConversationResponse, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, ConversationStore conversations)
    {
        var page = PageQuery.Read(context.Request);
        var sort = ReadSort(context.Request);
        var rows = await conversations.ListAsync(context.Caller().TeamspaceId, Pages.Probe(page), sort, context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(Pages.From(rows, page, ConversationResponse.From), ConversationsJsonContext.Default.ListResponseConversationResponse);
    }

    private static async Task<IResult> RetrieveAsync(string id, HttpContext context, ConversationStore conversations)
    {
        var conversation = await conversations.FindAsync(context.Caller().TeamspaceId, id, context.RequestAborted).ConfigureAwait(false);
        return conversation is null
            ? ApiResults.NotFound("Conversation", id)
            : ApiResults.Json(ConversationResponse.From(conversation), ConversationsJsonContext.Default.ConversationResponse);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, ConversationStore conversations, AgentStore agents)
    {
        var caller = context.Caller();
        var existing = await conversations.FindAsync(caller.TeamspaceId, id, context.RequestAborted).ConfigureAwait(false);
        if (existing is null)
        {
            return ApiResults.NotFound("Conversation", id);
        }

        var request = await JsonBody.ReadAsync(context.Request, ConversationsJsonContext.Default.ConversationRequest, () => new ConversationRequest(null, null)).ConfigureAwait(false);
        var agentIds = await ValidateAsync(request, caller.TeamspaceId, agents, context.RequestAborted).ConfigureAwait(false);
        // Fields absent keep what is stored at the moment of writing (under the row lock), not what was read above.
        var updated = await conversations.UpdateAsync(
            caller.TeamspaceId, id, current => current with { Name = request.Name ?? current.Name, AgentIds = agentIds ?? current.AgentIds }, context.RequestAborted).ConfigureAwait(false);
        return updated is null
            ? ApiResults.NotFound("Conversation", id)
            : ApiResults.Json(ConversationResponse.From(updated), ConversationsJsonContext.Default.ConversationResponse);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ConversationStore conversations)
        => await conversations.DeleteAsync(context.Caller().TeamspaceId, id, context.RequestAborted).ConfigureAwait(false)
            ? Results.NoContent()
            : ApiResults.NotFound("Conversation", id);

    private static async Task<IReadOnlyList<string>?> ValidateAsync(ConversationRequest request, string teamspaceId, AgentStore agents, CancellationToken cancellationToken)
    {
        if (request.Name?.Length > MaxNameChars)
        {
            throw ApiException.Unprocessable($"'name' is longer than {MaxNameChars} characters.");
        }

        if (request.AgentIds is null)
        {
            return null;
        }

        foreach (var agentId in request.AgentIds)
        {
            if (await agents.FindAsync(teamspaceId, agentId, cancellationToken).ConfigureAwait(false) is null)
            {
                throw ApiException.NotFound($"Agent '{agentId}' was not found.");
            }
        }

        return [.. request.AgentIds.Distinct()];
    }

    private static ConversationSort ReadSort(HttpRequest request)
    {
        var sort = request.Query["sort"].ToString();
        var direction = request.Query["direction"].ToString();
        if (sort is not ("" or "created_at" or "updated_at"))
        {
            throw ApiException.Unprocessable("'sort' must be 'created_at' or 'updated_at'.");
        }

        if (direction is not ("" or "asc" or "desc"))
        {
            throw ApiException.Unprocessable("'direction' must be 'asc' or 'desc'.");
        }

        return new ConversationSort(ByUpdatedAt: sort == "updated_at", Ascending: direction == "asc");
    }
}
