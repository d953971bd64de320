using System.Text;

namespace Parley.Client.Http;

/// <summary>Builds request paths with a query string, leaving out parameters without a value.</summary>
internal static class QueryString
{
    public static string Append(string path, IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        var builder = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in parameters)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            builder.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return builder.ToString();
    }

    /// <summary>A path segment, escaped: ids come from callers and must not change the route.</summary>
    public static string Segment(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Uri.EscapeDataString(id);
    }
}
