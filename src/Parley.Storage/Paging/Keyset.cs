namespace Parley.Storage.Paging;

/// <summary>Keyset pagination over time-ordered ids (UUID v7 sorts as text by creation time).</summary>
/// <remarks>
/// The cursor is an id, and the page is every id past it in the list's order, so a page never shifts when items
/// are inserted or deleted meanwhile, and a cursor stays valid even after its own item is deleted.
/// </remarks>
internal static class Keyset
{
    /// <summary>The WHERE fragment, ORDER BY and whether the rows come back reversed, for a list in <paramref name="newestFirst"/> order.</summary>
    public static (string Where, string OrderBy, bool Reverse) For(PageRequest page, bool newestFirst, string idColumn = "id")
    {
        ArgumentNullException.ThrowIfNull(page);
        var forward = page.Before is null;
        // Walking forward in a newest-first list means going to smaller ids.
        var descending = newestFirst == forward;
        var where = page.After is not null
            ? $" AND {idColumn} {(newestFirst ? "<" : ">")} @After"
            : page.Before is not null
                ? $" AND {idColumn} {(newestFirst ? ">" : "<")} @Before"
                : string.Empty;
        return (where, $" ORDER BY {idColumn} {(descending ? "DESC" : "ASC")} LIMIT @Limit", Reverse: !forward);
    }

    /// <summary>Puts the rows of a backward page back into the list's order.</summary>
    public static IReadOnlyList<T> Arrange<T>(IEnumerable<T> rows, bool reverse)
    {
        var list = rows.ToList();
        if (reverse)
        {
            list.Reverse();
        }

        return list;
    }
}
