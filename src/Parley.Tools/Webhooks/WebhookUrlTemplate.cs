using System.Text.RegularExpressions;

namespace Parley.Tools.Webhooks;

/// <summary>A webhook URL with <c>{param}</c> placeholders in its path and query, filled from the call's arguments.</summary>
/// <remarks>Placeholders never reach the scheme, host or port: the model picks values, never where they go.</remarks>
public static partial class WebhookUrlTemplate
{
    /// <summary>The longest URL a definition may hold.</summary>
    public const int MaxChars = 2048;

    /// <summary>Why <paramref name="url"/> cannot be a webhook URL, or null when it can.</summary>
    public static string? Problem(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Length > MaxChars)
        {
            return $"is longer than {MaxChars} characters";
        }

        var sample = Placeholder().Replace(url, "x");
        if (!Uri.TryCreate(sample, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute http or https URL";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "may not hold credentials; send them in a header that refers to a secret";
        }

        var authorityEnd = url.IndexOfAny(['/', '?', '#'], uri.Scheme.Length + 3);
        var authority = authorityEnd < 0 ? url : url[..authorityEnd];
        if (authority.Contains('{', StringComparison.Ordinal))
        {
            return "may hold {placeholders} only in its path and query";
        }

        return sample.Contains('{', StringComparison.Ordinal) || sample.Contains('}', StringComparison.Ordinal)
            ? "has a brace that is not a {placeholder} of letters, digits, '_' or '-'"
            : null;
    }

    /// <summary>Where every call of <paramref name="url"/> goes: its scheme, host and port, which no argument can change.</summary>
    public static Uri Origin(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new Uri(new Uri(Placeholder().Replace(url, "x"), UriKind.Absolute).GetLeftPart(UriPartial.Authority), UriKind.Absolute);
    }

    /// <summary>The names of the placeholders in <paramref name="url"/>, each once.</summary>
    public static IReadOnlyList<string> Placeholders(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return [.. Placeholder().Matches(url).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The URL with each placeholder replaced by its value, escaped so that it stays within its path segment or query value.</summary>
    /// <exception cref="ArgumentException">A value is missing, or is <c>.</c> or <c>..</c>, which would move up the path.</exception>
    public static Uri Fill(string url, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var filled = Placeholder().Replace(url, match =>
        {
            var name = match.Groups["name"].Value;
            if (!values.TryGetValue(name, out var value))
            {
                throw new ArgumentException($"The argument '{name}' is required: the URL needs it.", nameof(values));
            }

            return value is "." or ".."
                ? throw new ArgumentException($"The argument '{name}' cannot be '{value}'.", nameof(values))
                : Uri.EscapeDataString(value);
        });
        return new Uri(filled, UriKind.Absolute);
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_-]{1,64})\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
