namespace Parley.Storage.Tests;

/// <summary>Ids need no database: lists order and page by them, so they must sort as they were made.</summary>
public sealed class IdsTests
{
    [Fact]
    public void Ids_made_in_a_burst_sort_as_text_in_the_order_they_were_made()
    {
        // Far more than one millisecond's counter holds, so the counter runs over too.
        var ids = Enumerable.Range(0, 20_000).Select(_ => Ids.New()).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Ids_made_on_many_threads_at_once_are_unique()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 20_000, _ => ids.Add(Ids.New()));

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void An_id_is_a_version_7_UUID_of_the_current_time()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = Guid.Parse(Ids.New());

        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, id.Variant >> 2);
        var milliseconds = Convert.ToInt64(id.ToString("N")[..12], 16);
        Assert.InRange(milliseconds, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000);
    }
}
