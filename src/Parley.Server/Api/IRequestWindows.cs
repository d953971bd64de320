namespace Parley.Server.Api;

/// <summary>Fixed windows of counted events per key, each starting with its key's first event: requests per API key, failed sign-ins per address.</summary>
/// <remarks>One node counts in memory (<see cref="InMemoryRequestWindows"/>); a cluster counts in Redis, so a key's window holds across nodes.</remarks>
internal interface IRequestWindows
{
    /// <summary>Counts one event for <paramref name="key"/>; returns the count in its window, this event included, and when the window ends.</summary>
    ValueTask<WindowCount> HitAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The count of the window open for <paramref name="key"/>, without counting; zero and no end when none is open.</summary>
    ValueTask<WindowCount> PeekAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>A window's count and its end (null when no window is open).</summary>
internal readonly record struct WindowCount(long Count, DateTimeOffset? Ends);
