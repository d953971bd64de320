using System.Collections.Concurrent;
using System.Diagnostics;

namespace Parley.Cluster.Tests.Infrastructure;

/// <summary>What the nodes printed, each line with the time it was read and the node it came from; and test events beside them, for timelines.</summary>
public sealed class NodeLog
{
    private readonly ConcurrentQueue<NodeLogLine> _lines = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Time since the log began.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<NodeLogLine> Lines => [.. _lines];

    public void Add(string source, string text) => _lines.Enqueue(new NodeLogLine(Now, source, text));

    /// <summary>Waits until a line of <paramref name="source"/> (any source when null) contains <paramref name="text"/>; returns it.</summary>
    public async Task<NodeLogLine> WaitForAsync(string text, string? source = null, TimeSpan? timeout = null)
    {
        var deadline = Now + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (_lines.FirstOrDefault(l => (source is null || l.Source == source) && l.Text.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            if (Now > deadline)
            {
                throw new TimeoutException($"No line with '{text}' from {source ?? "any node"} within the time; last lines:\n{string.Join('\n', _lines.TakeLast(30))}");
            }

            await Task.Delay(20);
        }
    }
}

/// <summary>One line: when, from where, what.</summary>
public sealed record NodeLogLine(TimeSpan At, string Source, string Text)
{
    public override string ToString() => $"{At.TotalSeconds,8:F3} s  {Source,-7} {Text}";
}
