using Parley.Agents.Providers;
using Parley.Server.Agents;
using Parley.Server.Api;
using Parley.Server.Knowledge;
using Parley.Sessions.Converse;
using Parley.Storage.Agents;
using Parley.Storage.Conversations;
using Parley.Storage.Secrets;
using Parley.Tools.Outbound;

namespace Parley.Server.Converse;

/// <summary>
/// <c>POST /v1/converse</c>: the same agents, tools, knowledge and conversations as voice sessions, answering text,
/// as one JSON answer or (<c>stream: true</c>) as server-sent events: <c>start</c>, <c>tool_call</c>s, <c>delta</c>s,
/// <c>citations</c>, the stored message as a bare <c>data</c> event, then <c>end</c>.
/// </summary>
/// <remarks>
/// The agent is <c>agent_id</c>, else the conversation's first agent, else the teamspace's default. A failure before
/// the stream starts is an ordinary error answer; once it has started, an <c>error</c> event ends it.
/// </remarks>
internal static partial class ConverseEndpoints
{
    public static void MapConverse(this IEndpointRouteBuilder api)
        => api.MapPost("/converse", ConverseAsync).WithTags("Converse").Produces<ConverseResponse>().Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

    private static async Task<IResult> ConverseAsync(
        HttpContext context, AgentStore agents, ConversationStore conversations, KnowledgeReferenceCheck knowledge, SecretStore secrets,
        OutboundAddressGuard outbound, ConverseRunner runner, ILoggerFactory loggers)
    {
        var caller = context.Caller();
        var cancel = context.RequestAborted;
        using var body = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false)
            ?? throw ApiException.Unprocessable("'prompt' is required: a string, or a list of user messages.");
        if (body.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            throw ApiException.BadRequest("The request body must be a JSON object.");
        }

        var request = ConverseRequestReader.Read(body.RootElement);
        var conversation = request.ConversationId is { Length: > 0 } conversationId
            ? await conversations.FindAsync(caller.TeamspaceId, conversationId, cancel).ConfigureAwait(false)
                ?? throw ApiException.NotFound($"Conversation '{conversationId}' was not found.")
            : null;
        var agent = request.AgentId is { Length: > 0 } agentId
            ? await agents.FindAsync(caller.TeamspaceId, agentId, cancel).ConfigureAwait(false) ?? throw ApiException.NotFound($"Agent '{agentId}' was not found.")
            : await ConversationAgentAsync(agents, caller.TeamspaceId, conversation, cancel).ConfigureAwait(false);
        if (request.Config is { } config)
        {
            var (_, spec) = AgentChanges.Apply(config, agent.Name, agent.Spec, [], outbound);
            agent = agent with { Spec = spec };
        }

        if (await knowledge.FindMissingAsync(caller.TeamspaceId, request.KnowledgeIds, cancel).ConfigureAwait(false) is { } missing)
        {
            throw ApiException.NotFound(missing);
        }

        foreach (var secretId in request.SecretIds)
        {
            _ = await secrets.FindAsync(caller.TeamspaceId, secretId, cancel).ConfigureAwait(false) ?? throw ApiException.NotFound($"Secret '{secretId}' was not found.");
        }

        conversation ??= await conversations.CreateAsync(caller.TeamspaceId, name: null, [agent.Id], cancel).ConfigureAwait(false);
        var turn = new ConverseTurn(
            caller.TeamspaceId, agent, conversation.Id, request.Prompt,
            [.. (agent.Spec.KnowledgeIds ?? []).Concat(request.KnowledgeIds).Distinct(StringComparer.Ordinal)], request.SecretIds, request.User);
        if (request.Stream)
        {
            await StreamAsync(context, runner, turn, request, loggers.CreateLogger(typeof(ConverseEndpoints))).ConfigureAwait(false);
            return Results.Empty;
        }

        try
        {
            await foreach (var update in runner.RunAsync(turn, cancel).ConfigureAwait(false))
            {
                if (update is ConverseUpdate.Finished finished)
                {
                    return ApiResults.Json(ConverseResponse.From(finished, request.GenerateCitations), ConverseJsonContext.Default.ConverseResponse);
                }
            }
        }
        catch (ChatProviderException ex)
        {
            throw ModelFailed(ex);
        }

        throw new InvalidOperationException("The converse turn ended without an answer.");
    }

    private static async Task StreamAsync(HttpContext context, ConverseRunner runner, ConverseTurn turn, ConverseRequest request, ILogger logger)
    {
        var stream = new ConverseStream(context.Response);
        var json = ConverseJsonContext.Default;
        await stream.OpenAsync().ConfigureAwait(false);
        await stream.WriteAsync("start", new ConverseStatusData(turn.Agent.Id, turn.ConversationId, "started"), json.ConverseStatusData).ConfigureAwait(false);
        try
        {
            await foreach (var update in runner.RunAsync(turn, context.RequestAborted).ConfigureAwait(false))
            {
                switch (update)
                {
                    case ConverseUpdate.ToolCall call when request.IncludeSteps:
                        await stream.WriteAsync("tool_call", ConverseToolCall.From(call), json.ConverseToolCall).ConfigureAwait(false);
                        break;
                    case ConverseUpdate.Delta delta:
                        await stream.WriteAsync("delta", new ConverseDeltaData(new ConverseDelta(delta.Text)), json.ConverseDeltaData).ConfigureAwait(false);
                        break;
                    case ConverseUpdate.Cited cited when request.GenerateCitations:
                        await stream.WriteAsync("citations", new ConverseCitationsData(turn.Agent.Id, turn.ConversationId, cited.Items), json.ConverseCitationsData)
                            .ConfigureAwait(false);
                        break;
                    case ConverseUpdate.Finished finished:
                        await stream.WriteAsync(null, ConverseResponse.From(finished, request.GenerateCitations), json.ConverseResponse).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // The client left: nobody to tell.
        }
        catch (Exception ex)
        {
            // Headers are sent, so the failure travels as an event the SDK turns into an APIError.
            var error = ex is ChatProviderException provider ? ModelFailed(provider).Error : new ApiError(500, ApiErrorCodes.InternalError, "The agent failed to answer.", true);
            LogStreamFailed(logger, ex, turn.ConversationId);
            await stream.WriteAsync("error", new ConverseErrorData(error.Error, error.Message), json.ConverseErrorData).ConfigureAwait(false);
            return;
        }

        await stream.WriteAsync("end", new ConverseStatusData(turn.Agent.Id, turn.ConversationId, "completed"), json.ConverseStatusData).ConfigureAwait(false);
    }

    // The conversation's own agent when it has one still in the teamspace, else the default agent.
    private static async Task<AgentRecord> ConversationAgentAsync(AgentStore agents, string teamspaceId, ConversationRecord? conversation, CancellationToken cancellationToken)
    {
        foreach (var id in conversation?.AgentIds ?? [])
        {
            if (await agents.FindAsync(teamspaceId, id, cancellationToken).ConfigureAwait(false) is { } agent)
            {
                return agent;
            }
        }

        return await agents.GetDefaultAsync(teamspaceId, cancellationToken).ConfigureAwait(false);
    }

    private static ApiException ModelFailed(ChatProviderException exception)
        => new(new ApiError(StatusCodes.Status502BadGateway, ApiErrorCodes.BadGateway, $"The agent's language model failed: {exception.Message}", true));

    [LoggerMessage(Level = LogLevel.Error, Message = "A streamed converse turn in conversation {ConversationId} failed.")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception, string conversationId);
}
