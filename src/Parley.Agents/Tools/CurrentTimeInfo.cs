namespace Parley.Agents.Tools;

/// <summary>The result of <c>get_current_time</c>: the local time and date in one time zone.</summary>
/// <param name="TimeZone">The time zone's id, e.g. <c>Europe/London</c>.</param>
/// <param name="LocalTime">The local time with its UTC offset.</param>
/// <param name="Date">The local date as <c>yyyy-MM-dd</c>.</param>
/// <param name="Time">The local time as 24-hour <c>HH:mm</c>.</param>
/// <param name="DayOfWeek">The English day name, e.g. <c>Tuesday</c>.</param>
/// <param name="UtcOffset">The offset from UTC, e.g. <c>+01:00</c>.</param>
public sealed record CurrentTimeInfo(
    string TimeZone,
    DateTimeOffset LocalTime,
    string Date,
    string Time,
    string DayOfWeek,
    string UtcOffset);
