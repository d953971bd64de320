namespace Parley.Client.Paging;

/// <summary>Which page to fetch: items after or before an id (the cursor), at most <see cref="Limit"/> of them.</summary>
public record ListOptions
{
    /// <summary>Items after this id in the list's order.</summary>
    public string? After { get; init; }

    /// <summary>Items before this id in the list's order.</summary>
    public string? Before { get; init; }

    /// <summary>At most this many items, 1 to 100 (the server's default is 20).</summary>
    public int? Limit { get; init; }

    /// <summary>The query string parameters of these options.</summary>
    internal virtual IEnumerable<KeyValuePair<string, string?>> ToQuery()
    {
        yield return new("after", After);
        yield return new("before", Before);
        yield return new("limit", Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
