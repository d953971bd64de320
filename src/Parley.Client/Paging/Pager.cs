using System.Runtime.CompilerServices;

namespace Parley.Client.Paging;

/// <summary>Walks a list page by page, following the <c>after</c> cursor (the id of each page's last item).</summary>
internal static class Pager
{
    public static async IAsyncEnumerable<T> EnumerateAsync<T, TOptions>(
        TOptions? options,
        Func<TOptions, CancellationToken, Task<ListPage<T>>> fetch,
        Func<T, string> cursor,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TOptions : ListOptions, new()
    {
        // A with-expression on the base record keeps the derived type (and its filters such as search or sort).
        var page = (TOptions)((ListOptions)(options ?? new TOptions()) with { Before = null, Limit = options?.Limit ?? 100 });
        while (true)
        {
            var result = await fetch(page, cancellationToken).ConfigureAwait(false);
            foreach (var item in result.Data)
            {
                yield return item;
            }

            // An empty page ends the walk; so does has_more: false, which saves asking for the empty page.
            if (result.Data.Count == 0 || !result.HasMore)
            {
                yield break;
            }

            page = (TOptions)((ListOptions)page with { After = cursor(result.Data[^1]) });
        }
    }
}
