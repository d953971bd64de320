using System.Collections.Concurrent;

namespace Parley.Sessions.Conversations;

/// <summary>Conversation holds of one node, in memory: enough when one node serves every session.</summary>
public sealed class InMemoryConversationLocks : IConversationLocks
{
    private readonly ConcurrentDictionary<string, Hold> _held = new(StringComparer.Ordinal);

    /// <summary>Conversations held now.</summary>
    public int Count => _held.Count;

    public Task<IAsyncDisposable?> TryAcquireAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var hold = new Hold(this, conversationId);
        return Task.FromResult<IAsyncDisposable?>(_held.TryAdd(conversationId, hold) ? hold : null);
    }

    private sealed class Hold(InMemoryConversationLocks owner, string conversationId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            // Only this hold's own entry: a second dispose must not free a later session's hold.
            owner._held.TryRemove(new KeyValuePair<string, Hold>(conversationId, this));
            return ValueTask.CompletedTask;
        }
    }
}
