using Parley.Client.Http;
using Parley.Client.Messages;
using Parley.Client.Paging;
using Parley.Client.Serialization;

namespace Parley.Client.Conversations;

/// <summary><c>/v1/conversations</c>: create, retrieve, update, list and delete conversations, and read their messages.</summary>
public sealed class ConversationsClient
{
    private const string Path = "v1/conversations";
    private readonly ParleyHttp _http;

    internal ConversationsClient(ParleyHttp http)
    {
        _http = http;
        Messages = new MessagesClient(http);
    }

    /// <summary>The messages of conversations: one per voice session, with its transcript and timeline.</summary>
    public MessagesClient Messages { get; }

    /// <summary>Creates a conversation.</summary>
    public Task<Conversation> CreateAsync(ConversationRequest? request = null, CancellationToken cancellationToken = default)
        => _http.SendJsonAsync(HttpMethod.Post, Path, request ?? new(), ClientJsonContext.Default.ConversationRequest, ClientJsonContext.Default.Conversation, cancellationToken);

    /// <summary>The conversation with this id.</summary>
    public Task<Conversation> GetAsync(string id, CancellationToken cancellationToken = default)
        => _http.GetAsync($"{Path}/{QueryString.Segment(id)}", ClientJsonContext.Default.Conversation, cancellationToken);

    /// <summary>Changes the fields that are not null in <paramref name="request"/>.</summary>
    public Task<Conversation> UpdateAsync(string id, ConversationRequest request, CancellationToken cancellationToken = default)
        => _http.SendJsonAsync(HttpMethod.Patch, $"{Path}/{QueryString.Segment(id)}", request, ClientJsonContext.Default.ConversationRequest, ClientJsonContext.Default.Conversation, cancellationToken);

    /// <summary>One page of conversations.</summary>
    public Task<ListPage<Conversation>> ListAsync(ConversationListOptions? options = null, CancellationToken cancellationToken = default)
        => _http.GetAsync(QueryString.Append(Path, (options ?? new()).ToQuery()), ClientJsonContext.Default.ListPageConversation, cancellationToken);

    /// <summary>Every conversation, fetching page after page as the enumeration goes on.</summary>
    public IAsyncEnumerable<Conversation> ListAllAsync(ConversationListOptions? options = null, CancellationToken cancellationToken = default)
        => Pager.EnumerateAsync(options, (page, ct) => ListAsync(page, ct), c => c.Id, cancellationToken);

    /// <summary>Deletes the conversation and its messages.</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default)
        => _http.DeleteAsync($"{Path}/{QueryString.Segment(id)}", cancellationToken);
}
