using System.Globalization;

namespace Parley.Tools.Mcp;

/// <summary>Names MCP tools for the model: within <c>[a-zA-Z0-9_-]{1,64}</c>, and unique across a session's servers.</summary>
/// <remarks>
/// Model APIs reject other names, and servers are free to use any. A name two servers share is prefixed with each
/// server's name (<c>orders__lookup</c>) so the model can tell them apart; other names stay as the server gave them,
/// since those are what prompts and allow-lists mention.
/// </remarks>
internal static class McpToolNames
{
    /// <summary>The longest name model APIs accept.</summary>
    public const int MaxLength = 64;

    /// <summary>Between the server's name and the tool's, when a prefix is needed.</summary>
    public const string Separator = "__";

    /// <summary>Names for each server's tools, in the same order; <paramref name="servers"/> must have distinct names.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Assign(IReadOnlyList<(string Server, IReadOnlyList<string> Tools)> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var bases = servers.Select(s => s.Tools.Select(t => Sanitize(t, "tool")).ToList()).ToList();
        var shared = bases
            .SelectMany(names => names.Distinct(StringComparer.Ordinal))
            .GroupBy(name => name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);

        var used = new HashSet<string>(StringComparer.Ordinal);
        var assigned = new List<IReadOnlyList<string>>(servers.Count);
        for (var i = 0; i < servers.Count; i++)
        {
            var names = bases[i]
                .Select(name => shared.Contains(name) ? Fit(servers[i].Server + Separator + name) : name)
                .Select(name => Unique(name, used))
                .ToList();
            assigned.Add(names);
        }

        return assigned;
    }

    /// <summary>Makes <paramref name="raw"/> a valid name: other characters become <c>_</c>, and it is cut to the limit.</summary>
    public static string Sanitize(string? raw, string fallback)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return fallback;
        }

        var chars = raw.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray();
        return Fit(new string(chars));
    }

    /// <summary>Gives <paramref name="name"/>, or it with a numeric suffix if already taken, and records it as taken.</summary>
    public static string Unique(string name, ISet<string> used)
    {
        ArgumentNullException.ThrowIfNull(used);
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var suffix = "_" + n.ToString(CultureInfo.InvariantCulture);
            candidate = Fit(name, MaxLength - suffix.Length) + suffix;
        }

        return candidate;
    }

    private static string Fit(string name, int max = MaxLength) => name.Length <= max ? name : name[..max];
}
