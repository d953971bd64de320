using Parley.Storage.Agents;
using Parley.Storage.Paging;
using Parley.Storage.Tests.Fixtures;
using Parley.Storage.Tests.Paging;

namespace Parley.Storage.Tests.Agents;

public abstract class AgentListTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : AgentListTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : AgentListTests(storage), IClassFixture<PostgresStorage>;

    private AgentStore Agents => new(Database, Time);

    [Fact]
    public async Task Agents_are_listed_newest_first_page_by_page_after_and_before_a_cursor()
    {
        var teamspace = await NewTeamspaceAsync();
        var made = await CreateAsync(teamspace, "a0", "a1", "a2", "a3", "a4", "a5", "a6");
        await CreateAsync(await NewTeamspaceAsync(), "elsewhere");
        var newestFirst = made.AsEnumerable().Reverse().ToList();

        Assert.Equal(["a6", "a5", "a4"], await NamesAsync(teamspace, PageRequest.First(3)));
        Assert.Equal(["a3", "a2", "a1"], await NamesAsync(teamspace, new PageRequest(made[4], null, 3)));
        Assert.Equal(["a0"], await NamesAsync(teamspace, new PageRequest(made[1], null, 3)));
        Assert.Empty(await NamesAsync(teamspace, new PageRequest(made[0], null, 3)));
        Assert.Equal(["a4", "a3"], await NamesAsync(teamspace, new PageRequest(null, made[2], 2)));
        Assert.Equal(["a6"], await NamesAsync(teamspace, new PageRequest(null, made[5], 3)));
        Assert.Empty(await NamesAsync(teamspace, new PageRequest(null, made[6], 3)));
        Assert.Equal(["a6"], await NamesAsync(teamspace, PageRequest.First(1)));
        Assert.Equal(7, (await Agents.ListAsync(teamspace, PageRequest.First(PageRequest.MaxLimit))).Count);

        Assert.Equal(newestFirst, await PageWalk.ForwardAsync(IdsOf(teamspace), limit: 2));
        Assert.Equal(newestFirst[..^1], await PageWalk.BackwardAsync(IdsOf(teamspace), limit: 2, last: made[0]));
    }

    [Fact]
    public async Task A_cursor_still_works_after_its_agent_is_deleted()
    {
        var teamspace = await NewTeamspaceAsync();
        var made = await CreateAsync(teamspace, "a0", "a1", "a2", "a3");
        await Agents.DeleteAsync(teamspace, made[2]);

        Assert.Equal(["a1", "a0"], await NamesAsync(teamspace, new PageRequest(made[2], null, 10)));
        Assert.Equal(["a3"], await NamesAsync(teamspace, new PageRequest(null, made[2], 10)));
    }

    [Fact]
    public async Task Paging_neither_repeats_nor_skips_agents_while_new_ones_are_created()
    {
        var teamspace = await NewTeamspaceAsync();
        var made = await CreateAsync(teamspace, "a0", "a1", "a2", "a3", "a4", "a5", "a6");
        var extra = 0;

        var seen = await PageWalk.ForwardAsync(IdsOf(teamspace), limit: 3, PageWalk.FirstTimes(3, () => CreateAsync(teamspace, $"new {extra++}", $"new {extra++}")));

        // Newest first, so what is created meanwhile is ahead of every cursor and never shows up.
        PageWalk.AssertStable(made.AsEnumerable().Reverse().ToList(), seen);
        Assert.Equal(made.Count, seen.Count);
    }

    [Fact]
    public async Task Search_matches_part_of_the_name_ignoring_case_within_the_teamspace()
    {
        var teamspace = await NewTeamspaceAsync();
        await CreateAsync(teamspace, "Sales Bot", "Support", "Big SALES desk", "Presales");
        await CreateAsync(await NewTeamspaceAsync(), "Sales elsewhere");

        Assert.Equal(["Presales", "Big SALES desk", "Sales Bot"], await NamesAsync(teamspace, PageRequest.First(), "sales"));
        Assert.Equal(["Support"], await NamesAsync(teamspace, PageRequest.First(), "SUPP"));
        Assert.Empty(await NamesAsync(teamspace, PageRequest.First(), "marketing"));
        Assert.Equal(4, (await NamesAsync(teamspace, PageRequest.First(), "  ")).Count);
        Assert.Equal(4, (await NamesAsync(teamspace, PageRequest.First(), null)).Count);
    }

    [Fact]
    public async Task Search_pages_like_the_whole_list()
    {
        var teamspace = await NewTeamspaceAsync();
        var made = await CreateAsync(teamspace, "sales 0", "other", "sales 1", "sales 2", "other", "sales 3");

        Assert.Equal(["sales 3", "sales 2"], await NamesAsync(teamspace, PageRequest.First(2), "sales"));
        Assert.Equal(["sales 1", "sales 0"], await NamesAsync(teamspace, new PageRequest(made[3], null, 2), "sales"));
        Assert.Equal(["sales 2", "sales 1"], await NamesAsync(teamspace, new PageRequest(null, made[0], 2), "sales"));
    }

    [Fact]
    public async Task Search_takes_wildcards_and_backslashes_literally_on_every_engine()
    {
        var teamspace = await NewTeamspaceAsync();
        await CreateAsync(teamspace, "100% uptime", "1000 things", "a_b", "axb", @"back\slash", "backslash");

        Assert.Equal(["100% uptime"], await NamesAsync(teamspace, PageRequest.First(), "100%"));
        Assert.Equal(["a_b"], await NamesAsync(teamspace, PageRequest.First(), "a_b"));
        Assert.Equal([@"back\slash"], await NamesAsync(teamspace, PageRequest.First(), @"k\s"));
        Assert.Equal([@"back\slash"], await NamesAsync(teamspace, PageRequest.First(), @"\"));
        Assert.Empty(await NamesAsync(teamspace, PageRequest.First(), "%%"));
    }

    /// <summary>Creates agents one second apart, oldest first; returns their ids in that order.</summary>
    private async Task<List<string>> CreateAsync(string teamspace, params string[] names)
    {
        var ids = new List<string>();
        foreach (var name in names)
        {
            ids.Add((await Agents.CreateAsync(teamspace, name, new AgentSpec())).Id);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        return ids;
    }

    private async Task<List<string>> NamesAsync(string teamspace, PageRequest page, string? search = null)
        => (await Agents.ListAsync(teamspace, page, search)).Select(a => a.Name).ToList();

    private Func<PageRequest, Task<IEnumerable<string>>> IdsOf(string teamspace)
        => async page => (await Agents.ListAsync(teamspace, page)).Select(a => a.Id);
}
