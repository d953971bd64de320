using System.Globalization;
using Parley.Server.Api;
using Parley.Sessions.Orchestration;
using Parley.Storage.Orchestration;

namespace Parley.Server.Orchestration;

/// <summary>
/// <c>/v1/voice-orchestrator/tasks</c>: the inbox of tasks orchestrator voice sessions delegated. List (by default the
/// active tasks not yet expired and the finished ones not yet acknowledged), retrieve (with the result), acknowledge,
/// and cancel (which Datagrid reserves and Parley serves). Only the caller's teamspace's tasks, as everywhere.
/// </summary>
internal static class OrchestratorTaskEndpoints
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 100;

    public static void MapOrchestratorTasks(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/voice-orchestrator/tasks").WithTags("Voice orchestrator tasks");
        group.MapGet("/", ListAsync).Produces<OrchestratorTaskListResponse>();
        group.MapGet("/{taskId}", RetrieveAsync).Produces<OrchestratorTaskResponse>();
        group.MapPatch("/{taskId}/acknowledge", AcknowledgeAsync).Produces<OrchestratorTaskResponse>();
        group.MapPost("/{taskId}/cancel", CancelAsync).Produces<OrchestratorTaskResponse>();
    }

    private static async Task<IResult> ListAsync(HttpContext context, OrchestratorTaskStore tasks)
    {
        var query = context.Request.Query;
        var conversation = query["conversation_id"].ToString();
        var filter = new OrchestratorTaskFilter(Statuses(query["status"]), conversation.Length > 0 ? conversation : null, Limit(query["limit"].ToString()));
        var listed = await tasks.ListAsync(context.Caller().TeamspaceId, filter, context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(
            new OrchestratorTaskListResponse([.. listed.Select(t => OrchestratorTaskResponse.From(t, withResult: false))]),
            OrchestratorTasksJsonContext.Default.OrchestratorTaskListResponse);
    }

    private static async Task<IResult> RetrieveAsync(string taskId, HttpContext context, OrchestratorTaskStore tasks)
        => Answer(await tasks.FindAsync(context.Caller().TeamspaceId, taskId, context.RequestAborted).ConfigureAwait(false), taskId);

    private static async Task<IResult> AcknowledgeAsync(string taskId, HttpContext context, OrchestratorTaskStore tasks)
        => Answer(await tasks.AcknowledgeAsync(context.Caller().TeamspaceId, taskId, context.RequestAborted).ConfigureAwait(false), taskId);

    private static async Task<IResult> CancelAsync(string taskId, HttpContext context, TaskOrchestrator orchestrator)
    {
        var teamspace = context.Caller().TeamspaceId;
        if (await orchestrator.CancelAsync(teamspace, taskId, context.RequestAborted).ConfigureAwait(false) is { } cancelled)
        {
            return Answer(cancelled, taskId);
        }

        var task = await orchestrator.Store.FindAsync(teamspace, taskId, context.RequestAborted).ConfigureAwait(false);
        return task is null
            ? ApiResults.NotFound("Task", taskId)
            : ApiResults.Error(new ApiError(StatusCodes.Status409Conflict, ApiErrorCodes.Conflict, $"Task '{taskId}' is already {task.Status}; only a queued or running task can be cancelled.", false));
    }

    private static IResult Answer(OrchestratorTaskRecord? task, string taskId) => task is null
        ? ApiResults.NotFound("Task", taskId)
        : ApiResults.Json(OrchestratorTaskResponse.From(task, withResult: true), OrchestratorTasksJsonContext.Default.OrchestratorTaskResponse);

    // `status` repeated (?status=queued&status=running) or comma-separated (the SDK's way: ?status=queued,running).
    private static List<string> Statuses(IEnumerable<string?> values)
    {
        var statuses = values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (statuses.FirstOrDefault(s => !OrchestratorTaskStatuses.All.Contains(s)) is { } unknown)
        {
            throw ApiException.Unprocessable($"'status' may be {string.Join(", ", OrchestratorTaskStatuses.All)}; '{unknown}' is none of them.");
        }

        return statuses;
    }

    private static int Limit(string text)
    {
        if (text.Length == 0)
        {
            return DefaultLimit;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit))
        {
            throw ApiException.BadRequest($"'limit' must be a whole number, not '{text}'.");
        }

        return limit is >= 1 and <= MaxLimit ? limit : throw ApiException.Unprocessable($"'limit' must be between 1 and {MaxLimit}.");
    }
}
