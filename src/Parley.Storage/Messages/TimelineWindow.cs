namespace Parley.Storage.Messages;

/// <summary>Part of a message's timeline: the events from <see cref="Offset"/> on that fit a <see cref="TimelineBudget"/>, and how many it holds in all.</summary>
public sealed record TimelineWindow(IReadOnlyList<TimelineEvent> Events, int Offset, long Total)
{
    /// <summary>Whether events follow the window.</summary>
    public bool HasMore => Offset + Events.Count < Total;

    /// <summary>The window of a message without events.</summary>
    public static TimelineWindow Empty(int offset) => new([], offset, 0);
}
