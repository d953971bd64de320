using System.Collections.Concurrent;
using Parley.Storage.Orchestration;

namespace Parley.Sessions.Orchestration;

/// <summary>Tells the live sessions of a conversation on this node that one of its tasks has finished.</summary>
/// <remarks>
/// A session listens while it runs; a task that finishes while none listens stays unheard in storage and opens the
/// conversation's next session. Listeners are called on the worker's thread and must only post, never wait.
/// </remarks>
public sealed class TaskNotifications
{
    private readonly ConcurrentDictionary<string, ImmutableListeners> _byConversation = new(StringComparer.Ordinal);

    /// <summary>Calls <paramref name="listener"/> for each task of <paramref name="conversationId"/> that finishes, until disposed.</summary>
    public IDisposable Listen(string conversationId, Action<OrchestratorTaskRecord> listener)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(listener);
        _byConversation.AddOrUpdate(conversationId, _ => new([listener]), (_, list) => list.With(listener));
        return new Subscription(this, conversationId, listener);
    }

    /// <summary>Tells the listeners of the task's conversation that it finished.</summary>
    public void Publish(OrchestratorTaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.ConversationId is { } conversation && _byConversation.TryGetValue(conversation, out var listeners))
        {
            foreach (var listener in listeners.Items)
            {
                listener(task);
            }
        }
    }

    private void Remove(string conversationId, Action<OrchestratorTaskRecord> listener)
    {
        while (_byConversation.TryGetValue(conversationId, out var list))
        {
            var rest = list.Without(listener);
            var done = rest.Items.Count == 0
                ? _byConversation.TryRemove(new KeyValuePair<string, ImmutableListeners>(conversationId, list))
                : _byConversation.TryUpdate(conversationId, rest, list);
            if (done)
            {
                return;
            }
        }
    }

    // Copied on change, so a publish reads a list nobody changes under it.
    private sealed record ImmutableListeners(IReadOnlyList<Action<OrchestratorTaskRecord>> Items)
    {
        public ImmutableListeners With(Action<OrchestratorTaskRecord> listener) => new([.. Items, listener]);

        public ImmutableListeners Without(Action<OrchestratorTaskRecord> listener) => new([.. Items.Where(l => l != listener)]);
    }

    private sealed class Subscription(TaskNotifications owner, string conversationId, Action<OrchestratorTaskRecord> listener) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(conversationId, listener);
            }
        }
    }
}
