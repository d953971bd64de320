using System.Collections.Concurrent;

namespace Parley.Server.Voice;

/// <summary>Session slots counted in this node's memory, for one node on its own.</summary>
internal sealed class InMemorySessionSlots : ISessionSlots
{
    private readonly ConcurrentDictionary<string, int> _perKey = new(StringComparer.Ordinal);

    public Task<IAsyncDisposable?> TryTakeAsync(string apiKeyId, int maxPerKey, CancellationToken cancellationToken = default)
    {
        var admitted = false;
        _perKey.AddOrUpdate(apiKeyId, _ => (admitted = maxPerKey > 0) ? 1 : 0, (_, n) => (admitted = n < maxPerKey) ? n + 1 : n);
        return Task.FromResult<IAsyncDisposable?>(admitted ? new Slot(this, apiKeyId) : null);
    }

    private void Give(string apiKeyId)
    {
        _perKey.AddOrUpdate(apiKeyId, 0, (_, n) => Math.Max(0, n - 1));
        // A key with no session left is forgotten, so keys seen once do not stay in memory.
        _perKey.TryRemove(new KeyValuePair<string, int>(apiKeyId, 0));
    }

    private sealed class Slot(InMemorySessionSlots owner, string apiKeyId) : IAsyncDisposable
    {
        private int _given;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _given, 1) == 0)
            {
                owner.Give(apiKeyId);
            }

            return ValueTask.CompletedTask;
        }
    }
}
