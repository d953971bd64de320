using Parley.Client.Http;
using Parley.Client.Paging;
using Parley.Client.Serialization;

namespace Parley.Client.Messages;

/// <summary><c>/v1/conversations/{id}/messages</c>: list (oldest first) and retrieve.</summary>
public sealed class MessagesClient
{
    private readonly ParleyHttp _http;

    internal MessagesClient(ParleyHttp http) => _http = http;

    /// <summary>One page of the conversation's messages, oldest first.</summary>
    public Task<ListPage<ConversationMessage>> ListAsync(string conversationId, ListOptions? options = null, CancellationToken cancellationToken = default)
        => _http.GetAsync(QueryString.Append(Path(conversationId), (options ?? new()).ToQuery()), ClientJsonContext.Default.ListPageConversationMessage, cancellationToken);

    /// <summary>Every message of the conversation, oldest first.</summary>
    public IAsyncEnumerable<ConversationMessage> ListAllAsync(string conversationId, ListOptions? options = null, CancellationToken cancellationToken = default)
        => Pager.EnumerateAsync(options, (page, ct) => ListAsync(conversationId, page, ct), m => m.Id, cancellationToken);

    /// <summary>One message of the conversation.</summary>
    public Task<ConversationMessage> GetAsync(string conversationId, string id, CancellationToken cancellationToken = default)
        => _http.GetAsync($"{Path(conversationId)}/{QueryString.Segment(id)}", ClientJsonContext.Default.ConversationMessage, cancellationToken);

    private static string Path(string conversationId) => $"v1/conversations/{QueryString.Segment(conversationId)}/messages";
}
