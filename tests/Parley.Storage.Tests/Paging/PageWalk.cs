using Parley.Storage.Paging;

namespace Parley.Storage.Tests.Paging;

/// <summary>Walks a keyset-paged list page by page, the way an API client does.</summary>
internal static class PageWalk
{
    /// <summary>Every id from the first page on, following <c>after</c> cursors until a page comes back empty.</summary>
    /// <param name="betweenPages">Runs after each page is read, before the next is asked for (to insert rows meanwhile).</param>
    public static async Task<List<string>> ForwardAsync(Func<PageRequest, Task<IEnumerable<string>>> list, int limit, Func<Task>? betweenPages = null)
    {
        var seen = new List<string>();
        string? after = null;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = (await list(new PageRequest(after, null, limit))).ToList();
            Assert.True(page.Count <= limit, $"a page of {page.Count} items exceeds the limit {limit}");
            if (page.Count == 0)
            {
                return seen;
            }

            seen.AddRange(page);
            after = page[^1];
            if (betweenPages is not null)
            {
                await betweenPages();
            }
        }

        throw new InvalidOperationException("The list never ended.");
    }

    /// <summary>Every id before <paramref name="last"/>, in list order, following <c>before</c> cursors until a page comes back empty.</summary>
    public static async Task<List<string>> BackwardAsync(Func<PageRequest, Task<IEnumerable<string>>> list, int limit, string last)
    {
        var seen = new List<string>();
        var before = last;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = (await list(new PageRequest(null, before, limit))).ToList();
            Assert.True(page.Count <= limit, $"a page of {page.Count} items exceeds the limit {limit}");
            if (page.Count == 0)
            {
                return seen;
            }

            seen.InsertRange(0, page);
            before = page[0];
        }

        throw new InvalidOperationException("The list never ended.");
    }

    /// <summary>Runs <paramref name="action"/> the first <paramref name="count"/> times it is called, then nothing: rows inserted
    /// after every page of an oldest-first list would keep it from ever ending.</summary>
    public static Func<Task> FirstTimes(int count, Func<Task> action) => () => count-- > 0 ? action() : Task.CompletedTask;

    /// <summary>
    /// Asserts a walk that ran while rows were inserted saw each row that existed at the start exactly once, in
    /// <paramref name="expected"/> order, and saw nothing twice; new rows, if any, only after every old one.
    /// </summary>
    public static void AssertStable(IReadOnlyList<string> expected, IReadOnlyList<string> seen)
    {
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected, seen.Take(expected.Count));
        Assert.DoesNotContain(seen.Skip(expected.Count), expected.Contains);
    }
}
