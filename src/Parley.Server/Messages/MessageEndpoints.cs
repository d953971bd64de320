using Parley.Server.Api;
using Parley.Storage.Conversations;
using Parley.Storage.Files;
using Parley.Storage.Messages;

namespace Parley.Server.Messages;

/// <summary><c>/v1/conversations/{id}/messages</c>: list (oldest first) and retrieve; voice timelines come in bounded windows (<see cref="TimelinePaging"/>), with their recordings.</summary>
internal static class MessageEndpoints
{
    public static void MapMessages(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/conversations/{conversationId}/messages").WithTags("Messages");
        group.MapGet("/", ListAsync).Produces<ListResponse<MessageResponse>>();
        group.MapGet("/{id}", RetrieveAsync).Produces<MessageResponse>();
    }

    private static async Task<IResult> ListAsync(string conversationId, HttpContext context, ConversationStore conversations, MessageStore messages, FileStore files)
    {
        var caller = context.Caller();
        var page = PageQuery.Read(context.Request);
        if (await conversations.FindAsync(caller.TeamspaceId, conversationId, context.RequestAborted).ConfigureAwait(false) is null)
        {
            return ApiResults.NotFound("Conversation", conversationId);
        }

        var rows = await messages.ListAsync(caller.TeamspaceId, conversationId, Pages.Probe(page), context.RequestAborted).ConfigureAwait(false);
        var timelines = await messages.ListEventWindowsAsync([.. rows.Select(r => r.Id)], 0, TimelinePaging.List, context.RequestAborted).ConfigureAwait(false);
        var recordings = await MessageRecordings.LoadAsync(files, [.. rows.Select(r => r.Id)], MessageRecordings.ListClips, context.Request, context.RequestAborted)
            .ConfigureAwait(false);
        var list = Pages.From(rows, page, m => MessageView.From(m, timelines[m.Id], recordings));
        return ApiResults.Json(list, MessagesJsonContext.Default.ListResponseMessageResponse);
    }

    private static async Task<IResult> RetrieveAsync(string conversationId, string id, HttpContext context, MessageStore messages, FileStore files)
    {
        var message = await messages.FindAsync(context.Caller().TeamspaceId, conversationId, id, context.RequestAborted).ConfigureAwait(false);
        if (message is null)
        {
            return ApiResults.NotFound("Message", id);
        }

        var (offset, budget) = TimelinePaging.Read(context.Request);
        var timelines = await messages.ListEventWindowsAsync([message.Id], offset, budget, context.RequestAborted).ConfigureAwait(false);
        var recordings = await MessageRecordings.LoadAsync(files, [message.Id], MessageRecordings.RetrieveClips, context.Request, context.RequestAborted)
            .ConfigureAwait(false);
        return ApiResults.Json(MessageView.From(message, timelines[message.Id], recordings), MessagesJsonContext.Default.MessageResponse);
    }
}
