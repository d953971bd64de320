namespace Parley.Server.Api;

/// <summary>Fixed windows counted in this node's memory; windows that ended are dropped as others are counted.</summary>
/// <remarks>
/// Every window lasts as long, so they end in the order they started and pruning only looks at the oldest. At most
/// <c>maxKeys</c> windows are kept; past that the oldest is forgotten first, so no caller can grow it without bound.
/// </remarks>
internal sealed class InMemoryRequestWindows(TimeProvider time, TimeSpan window, int maxKeys) : IRequestWindows
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Window>> _windows = new(StringComparer.Ordinal);
    private readonly LinkedList<Window> _byAge = new();

    /// <summary>Keys with an open window now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _windows.Count;
            }
        }
    }

    public ValueTask<WindowCount> HitAsync(string key, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            ForgetEnded(now);
            if (!_windows.TryGetValue(key, out var node))
            {
                node = _byAge.AddLast(new Window(key, now + window));
                _windows[key] = node;
                while (_windows.Count > maxKeys)
                {
                    Remove(_byAge.First!);
                }
            }

            node.Value.Count++;
            return ValueTask.FromResult(new WindowCount(node.Value.Count, node.Value.Ends));
        }
    }

    public ValueTask<WindowCount> PeekAsync(string key, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            ForgetEnded(now);
            return ValueTask.FromResult(_windows.TryGetValue(key, out var node) ? new WindowCount(node.Value.Count, node.Value.Ends) : default);
        }
    }

    private void ForgetEnded(DateTimeOffset now)
    {
        while (_byAge.First is { } oldest && oldest.Value.Ends <= now)
        {
            Remove(oldest);
        }
    }

    private void Remove(LinkedListNode<Window> node)
    {
        _byAge.Remove(node);
        _windows.Remove(node.Value.Key);
    }

    private sealed class Window(string key, DateTimeOffset ends)
    {
        public string Key { get; } = key;

        public DateTimeOffset Ends { get; } = ends;

        public long Count { get; set; }
    }
}
