namespace Parley.Storage;

/// <summary>The time as the database keeps it: UTC, to the microsecond.</summary>
/// <remarks>Both engines store microseconds; a record returned at creation must equal the same record read back later.</remarks>
public static class StorageClock
{
    /// <summary>Now, truncated to the microsecond.</summary>
    public static DateTimeOffset StorageNow(this TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = timeProvider.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }
}
