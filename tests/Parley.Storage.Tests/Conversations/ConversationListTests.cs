using Parley.Storage.Conversations;
using Parley.Storage.Paging;
using Parley.Storage.Tests.Fixtures;
using Parley.Storage.Tests.Paging;

namespace Parley.Storage.Tests.Conversations;

public abstract class ConversationListTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : ConversationListTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : ConversationListTests(storage), IClassFixture<PostgresStorage>;

    private static readonly ConversationSort CreatedDescending = ConversationSort.Default;
    private static readonly ConversationSort CreatedAscending = new(ByUpdatedAt: false, Ascending: true);
    private static readonly ConversationSort UpdatedDescending = new(ByUpdatedAt: true, Ascending: false);
    private static readonly ConversationSort UpdatedAscending = new(ByUpdatedAt: true, Ascending: true);

    private ConversationStore Conversations => new(Database, Time);

    [Fact]
    public async Task By_creation_newest_first_pages_after_and_before_a_cursor()
    {
        var teamspace = await NewTeamspaceAsync();
        var c = await CreateAsync(teamspace, 5);
        await CreateAsync(await NewTeamspaceAsync(), 2);

        Assert.Equal([c[4], c[3]], await ListAsync(teamspace, PageRequest.First(2), CreatedDescending));
        Assert.Equal([c[2], c[1]], await ListAsync(teamspace, new PageRequest(c[3], null, 2), CreatedDescending));
        Assert.Equal([c[0]], await ListAsync(teamspace, new PageRequest(c[1], null, 2), CreatedDescending));
        Assert.Equal([c[3], c[2]], await ListAsync(teamspace, new PageRequest(null, c[1], 2), CreatedDescending));
        Assert.Empty(await ListAsync(teamspace, new PageRequest(null, c[4], 2), CreatedDescending));
        await AssertWalksAsync(teamspace, CreatedDescending, [c[4], c[3], c[2], c[1], c[0]]);
    }

    [Fact]
    public async Task By_creation_oldest_first_pages_after_and_before_a_cursor()
    {
        var teamspace = await NewTeamspaceAsync();
        var c = await CreateAsync(teamspace, 5);

        Assert.Equal([c[0], c[1]], await ListAsync(teamspace, PageRequest.First(2), CreatedAscending));
        Assert.Equal([c[2], c[3]], await ListAsync(teamspace, new PageRequest(c[1], null, 2), CreatedAscending));
        Assert.Equal([c[4]], await ListAsync(teamspace, new PageRequest(c[3], null, 2), CreatedAscending));
        Assert.Equal([c[1], c[2]], await ListAsync(teamspace, new PageRequest(null, c[3], 2), CreatedAscending));
        Assert.Empty(await ListAsync(teamspace, new PageRequest(null, c[0], 2), CreatedAscending));
        await AssertWalksAsync(teamspace, CreatedAscending, c);
    }

    [Fact]
    public async Task By_last_update_latest_first_pages_after_and_before_a_cursor()
    {
        var teamspace = await NewTeamspaceAsync();
        var c = await CreateAsync(teamspace, 5);
        await TouchAsync(c[1], c[3]);
        // Updated order, oldest first: c0 c2 c4 c1 c3.

        Assert.Equal([c[3], c[1]], await ListAsync(teamspace, PageRequest.First(2), UpdatedDescending));
        Assert.Equal([c[4], c[2]], await ListAsync(teamspace, new PageRequest(c[1], null, 2), UpdatedDescending));
        Assert.Equal([c[0]], await ListAsync(teamspace, new PageRequest(c[2], null, 2), UpdatedDescending));
        Assert.Equal([c[1], c[4]], await ListAsync(teamspace, new PageRequest(null, c[2], 2), UpdatedDescending));
        Assert.Empty(await ListAsync(teamspace, new PageRequest(null, c[3], 2), UpdatedDescending));
        await AssertWalksAsync(teamspace, UpdatedDescending, [c[3], c[1], c[4], c[2], c[0]]);
    }

    [Fact]
    public async Task By_last_update_earliest_first_pages_after_and_before_a_cursor()
    {
        var teamspace = await NewTeamspaceAsync();
        var c = await CreateAsync(teamspace, 5);
        await TouchAsync(c[1], c[3]);

        Assert.Equal([c[0], c[2]], await ListAsync(teamspace, PageRequest.First(2), UpdatedAscending));
        Assert.Equal([c[4], c[1]], await ListAsync(teamspace, new PageRequest(c[2], null, 2), UpdatedAscending));
        Assert.Equal([c[3]], await ListAsync(teamspace, new PageRequest(c[1], null, 2), UpdatedAscending));
        Assert.Equal([c[2], c[4]], await ListAsync(teamspace, new PageRequest(null, c[1], 2), UpdatedAscending));
        Assert.Empty(await ListAsync(teamspace, new PageRequest(null, c[0], 2), UpdatedAscending));
        await AssertWalksAsync(teamspace, UpdatedAscending, [c[0], c[2], c[4], c[1], c[3]]);
    }

    [Fact]
    public async Task By_last_update_conversations_updated_in_the_same_instant_are_ordered_by_id()
    {
        var teamspace = await NewTeamspaceAsync();
        var c = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            c.Add((await Conversations.CreateAsync(teamspace, null, [])).Id);
        }

        await AssertWalksAsync(teamspace, UpdatedAscending, c);
        await AssertWalksAsync(teamspace, UpdatedDescending, c.AsEnumerable().Reverse().ToList());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task Paging_neither_repeats_nor_skips_conversations_while_new_ones_are_created(bool byUpdatedAt, bool ascending)
    {
        var teamspace = await NewTeamspaceAsync();
        var c = await CreateAsync(teamspace, 7);
        var sort = new ConversationSort(byUpdatedAt, ascending);
        var expected = await ListAsync(teamspace, PageRequest.First(PageRequest.MaxLimit), sort);
        Assert.Equal(7, expected.Count);

        var seen = await PageWalk.ForwardAsync(page => IdsAsync(teamspace, page, sort), limit: 3, PageWalk.FirstTimes(3, () => CreateAsync(teamspace, 2)));

        PageWalk.AssertStable(expected, seen);
        // Latest first, what is created meanwhile is ahead of every cursor; earliest first, it is all on the last pages.
        Assert.Equal(ascending ? expected.Count + 6 : expected.Count, seen.Count);
    }

    private async Task AssertWalksAsync(string teamspace, ConversationSort sort, IReadOnlyList<string> expected)
    {
        foreach (var limit in new[] { 1, 2, 3, expected.Count, PageRequest.MaxLimit })
        {
            Assert.Equal(expected, await PageWalk.ForwardAsync(page => IdsAsync(teamspace, page, sort), limit));
            Assert.Equal(expected.Take(expected.Count - 1), await PageWalk.BackwardAsync(page => IdsAsync(teamspace, page, sort), limit, expected[^1]));
        }
    }

    /// <summary>Creates conversations one second apart; returns their ids, oldest first.</summary>
    private async Task<List<string>> CreateAsync(string teamspace, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await Conversations.CreateAsync(teamspace, $"conversation {i}", [])).Id);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        return ids;
    }

    private async Task TouchAsync(params string[] ids)
    {
        foreach (var id in ids)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await Conversations.TouchAsync(id, agentId: null);
        }
    }

    private async Task<List<string>> ListAsync(string teamspace, PageRequest page, ConversationSort sort)
        => (await IdsAsync(teamspace, page, sort)).ToList();

    private async Task<IEnumerable<string>> IdsAsync(string teamspace, PageRequest page, ConversationSort sort)
        => (await Conversations.ListAsync(teamspace, page, sort)).Select(c => c.Id);
}
