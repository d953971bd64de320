namespace Parley.Agents.Embedded;

/// <summary>A few well-known cities and zones, so "what time is it in tokyo" works without a gazetteer.</summary>
internal static class KnownPlaces
{
    private static readonly Dictionary<string, KnownPlace> Places = new(StringComparer.Ordinal)
    {
        ["london"] = new("London", "Europe/London"),
        ["paris"] = new("Paris", "Europe/Paris"),
        ["berlin"] = new("Berlin", "Europe/Berlin"),
        ["madrid"] = new("Madrid", "Europe/Madrid"),
        ["rome"] = new("Rome", "Europe/Rome"),
        ["amsterdam"] = new("Amsterdam", "Europe/Amsterdam"),
        ["moscow"] = new("Moscow", "Europe/Moscow"),
        ["dubai"] = new("Dubai", "Asia/Dubai"),
        ["india"] = new("India", "Asia/Kolkata"),
        ["singapore"] = new("Singapore", "Asia/Singapore"),
        ["hong kong"] = new("Hong Kong", "Asia/Hong_Kong"),
        ["beijing"] = new("Beijing", "Asia/Shanghai"),
        ["tokyo"] = new("Tokyo", "Asia/Tokyo"),
        ["sydney"] = new("Sydney", "Australia/Sydney"),
        ["new york"] = new("New York", "America/New_York"),
        ["chicago"] = new("Chicago", "America/Chicago"),
        ["denver"] = new("Denver", "America/Denver"),
        ["los angeles"] = new("Los Angeles", "America/Los_Angeles"),
        ["san francisco"] = new("San Francisco", "America/Los_Angeles"),
        ["utc"] = new("UTC", "Etc/UTC"),
    };

    /// <summary>Finds the first known place named in <paramref name="tokens"/>, trying two-word names first.</summary>
    public static KnownPlace? Find(IReadOnlyList<string> tokens)
    {
        for (int i = 0; i < tokens.Count; i++)
        {
            if (i + 1 < tokens.Count && Places.TryGetValue(tokens[i] + " " + tokens[i + 1], out var pair))
            {
                return pair;
            }

            if (Places.TryGetValue(tokens[i], out var single))
            {
                return single;
            }
        }

        return null;
    }
}
