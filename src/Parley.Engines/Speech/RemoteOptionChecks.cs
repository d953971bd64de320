namespace Parley.Engines.Speech;

/// <summary>Checks shared by the remote engines' options; each returns a message naming the setting, or null when it is fine.</summary>
internal static class RemoteOptionChecks
{
    /// <summary>The engine's name: set, without '/' (it prefixes models and voices as <c>name/model</c>).</summary>
    public static string? Name(string? name)
        => string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal)
            ? $"Name must be set and hold no '/' (got '{name}')."
            : null;

    /// <summary>An absolute URL with one of <paramref name="schemes"/>.</summary>
    public static string? Url(string? url, params string[] schemes)
        => Uri.TryCreate(url, UriKind.Absolute, out var parsed) && schemes.Contains(parsed.Scheme, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"BaseUrl '{url}' is not an absolute {string.Join(" or ", schemes)} URL.";

    /// <summary>A positive duration no longer than <paramref name="max"/>.</summary>
    public static string? Duration(string setting, TimeSpan value, TimeSpan max)
        => value > TimeSpan.Zero && value <= max ? null : $"{setting} must be positive and at most {max} (got {value}).";

    /// <summary>A list of ids without empty entries.</summary>
    public static string? Ids(string setting, IReadOnlyList<string>? ids)
        => ids is not null && ids.Any(string.IsNullOrWhiteSpace) ? $"{setting} holds an empty entry." : null;
}
