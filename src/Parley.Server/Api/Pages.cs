using Parley.Storage.Paging;

namespace Parley.Server.Api;

/// <summary>Builds list responses: stores are asked for one row more than the page, which tells whether there is more.</summary>
public static class Pages
{
    /// <summary>The request to send to a store: one more row than the client asked for.</summary>
    public static PageRequest Probe(PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page with { Limit = page.Limit + 1 };
    }

    /// <summary>The page from the probed rows, in list order: the extra row is dropped from the far end.</summary>
    public static ListResponse<TOut> From<TIn, TOut>(IReadOnlyList<TIn> rows, PageRequest page, Func<TIn, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(page);
        var hasMore = rows.Count > page.Limit;
        var kept = !hasMore ? rows : page.Before is null ? rows.Take(page.Limit) : rows.Skip(rows.Count - page.Limit);
        return new ListResponse<TOut>([.. kept.Select(map)], hasMore);
    }
}
