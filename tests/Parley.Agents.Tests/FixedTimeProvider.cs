namespace Parley.Agents.Tests;

/// <summary>A clock stopped at one instant, in a chosen local time zone.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset utcNow, TimeZoneInfo localTimeZone) : TimeProvider
{
    /// <summary>Saturday 14 March 2026, 13:45 UTC.</summary>
    public static readonly DateTimeOffset SampleInstant = new(2026, 3, 14, 13, 45, 0, TimeSpan.Zero);

    /// <summary>A zone two hours ahead of UTC with no daylight saving, so the sample is 15:45 local.</summary>
    public static readonly TimeZoneInfo PlusTwo =
        TimeZoneInfo.CreateCustomTimeZone("Test/PlusTwo", TimeSpan.FromHours(2), "Plus Two", "Plus Two");

    public override DateTimeOffset GetUtcNow() => utcNow;

    public override TimeZoneInfo LocalTimeZone => localTimeZone;

    /// <summary>The sample instant seen from <see cref="PlusTwo"/>.</summary>
    public static FixedTimeProvider Sample() => new(SampleInstant, PlusTwo);
}
