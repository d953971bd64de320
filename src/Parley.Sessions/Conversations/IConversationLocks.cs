namespace Parley.Sessions.Conversations;

/// <summary>Keeps each conversation in at most one live voice session, on this node or, on a cluster, on any node.</summary>
/// <remarks>
/// A hold is a lease where it can outlive its holder (Redis): renewed while the session runs, it lapses within the
/// lease when the node holding it dies, so a conversation is never locked for good.
/// </remarks>
public interface IConversationLocks
{
    /// <summary>Takes the conversation for one session; null when a live session holds it already. Dispose the hold when the session has stored its end.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string conversationId, CancellationToken cancellationToken = default);
}
