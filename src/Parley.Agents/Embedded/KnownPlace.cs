namespace Parley.Agents.Embedded;

/// <summary>A place the embedded agent knows the time zone of.</summary>
/// <param name="Name">The name as spoken back, e.g. "New York".</param>
/// <param name="TimeZoneId">The IANA time zone, e.g. "America/New_York".</param>
internal sealed record KnownPlace(string Name, string TimeZoneId);
