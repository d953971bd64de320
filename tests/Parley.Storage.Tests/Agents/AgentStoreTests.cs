using System.Text.Json;
using Parley.Storage.Agents;
using Parley.Storage.Paging;
using Parley.Storage.Tests.Fixtures;

namespace Parley.Storage.Tests.Agents;

public abstract class AgentStoreTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : AgentStoreTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : AgentStoreTests(storage), IClassFixture<PostgresStorage>;

    private AgentStore Agents => new(Database, Time);

    [Fact]
    public async Task A_scan_pages_through_every_teamspaces_agents_whose_spec_holds_a_fragment_oldest_first()
    {
        var marker = $"marker-{Guid.NewGuid():N}";
        var (first, second) = (await NewTeamspaceAsync(), await NewTeamspaceAsync());
        var made = new List<string>();
        foreach (var teamspace in new[] { first, second, first })
        {
            made.Add((await Agents.CreateAsync(teamspace, "a", new AgentSpec { Description = $"{marker} 100%" })).Id);
        }

        await Agents.CreateAsync(first, "unmarked", new AgentSpec { Description = "100% plain" });

        var page1 = await Agents.ScanAsync(marker, null, 2);
        var page2 = await Agents.ScanAsync(marker, page1[^1].Id, 2);
        Assert.Equal(made, page1.Concat(page2).Select(a => a.Id));
        Assert.Equal([first, second, first], page1.Concat(page2).Select(a => a.TeamspaceId));
        Assert.Empty(await Agents.ScanAsync($"{marker} 1_0%", null, 10)); // LIKE's wildcards are literal
        Assert.Equal(3, (await Agents.ScanAsync($"{marker} 100%", null, 10)).Count);
    }

    [Fact]
    public async Task An_agent_is_created_found_updated_and_deleted()
    {
        var teamspace = await NewTeamspaceAsync();
        var created = await Agents.CreateAsync(teamspace, "Concierge", new AgentSpec { Description = "v1" });
        Assert.Equal(teamspace, created.TeamspaceId);
        Assert.False(created.IsDefault);
        Assert.Equal(Start, created.CreatedAt);
        Assert.Equal(Start, created.UpdatedAt);
        AssertSameAgent(created, await Agents.FindAsync(teamspace, created.Id));

        Time.Advance(TimeSpan.FromMinutes(5));
        var updated = await Agents.UpdateAsync(teamspace, created.Id, "Front desk", new AgentSpec { Description = "v2", Temperature = 0.2 });
        Assert.NotNull(updated);
        Assert.Equal("Front desk", updated.Name);
        Assert.Equal("v2", updated.Spec.Description);
        Assert.Equal(0.2, updated.Spec.Temperature);
        Assert.Equal(Start, updated.CreatedAt);
        Assert.Equal(Start.AddMinutes(5), updated.UpdatedAt);
        AssertSameAgent(updated, await Agents.FindAsync(teamspace, created.Id));

        Assert.Null(await Agents.UpdateAsync(teamspace, Ids.New(), "nobody", new AgentSpec()));
        Assert.True(await Agents.DeleteAsync(teamspace, created.Id));
        Assert.Null(await Agents.FindAsync(teamspace, created.Id));
        Assert.False(await Agents.DeleteAsync(teamspace, created.Id));
        Assert.Null(await Agents.UpdateAsync(teamspace, created.Id, "gone", new AgentSpec()));
    }

    [Fact]
    public async Task A_full_spec_comes_back_as_it_was_stored_with_its_JSON_elements_intact()
    {
        var teamspace = await NewTeamspaceAsync();
        var spec = new AgentSpec
        {
            Description = "Answers questions about the “menu” — naïve café ☕",
            Emoji = "🍕",
            SystemPrompt = "You are helpful.\nSecond line, with \"quotes\" and a tab\there.",
            CustomPrompt = "custom",
            PlanningPrompt = "plan first",
            LlmModel = "llm-1",
            AgentModel = "magpie-1.1",
            Temperature = 0.35,
            VoicePreset = "kal",
            Tools = [new AgentToolRef("calculator"), new AgentToolRef("search", ConnectionId: "conn-1")],
            DisabledTools = [new AgentToolRef("web_search")],
            KnowledgeIds = ["k1", "k2"],
            Corpus = Elements("""
                [{"type":"text","text":"Opening hours: 9–17","meta":{"page":3,"score":0.5,"big":12345678901234567890,"tags":["a","b"],"none":null,"ok":true}},
                 "a plain string", 42, [], {}]
                """),
            McpServers = Elements("""[{"name":"files","url":"http://localhost:9000/mcp","headers":{"Authorization":"Bearer x"},"tools":[]}]"""),
        };

        var created = await Agents.CreateAsync(teamspace, "Full", spec);
        var found = await Agents.FindAsync(teamspace, created.Id);

        Assert.NotNull(found);
        AssertSameSpec(spec, found.Spec);
        Assert.Equal(["calculator", "search"], found.Spec.Tools!.Select(t => t.Name));
        Assert.Equal("conn-1", found.Spec.Tools![1].ConnectionId);
        Assert.Equal(JsonValueKind.Object, found.Spec.Corpus![0].ValueKind);
        Assert.Equal("12345678901234567890", found.Spec.Corpus[0].GetProperty("meta").GetProperty("big").GetRawText());
        Assert.Equal("Bearer x", found.Spec.McpServers![0].GetProperty("headers").GetProperty("Authorization").GetString());
    }

    [Fact]
    public async Task An_empty_spec_stays_empty_and_empty_lists_stay_empty_not_null()
    {
        var teamspace = await NewTeamspaceAsync();
        var empty = await Agents.CreateAsync(teamspace, "Empty", new AgentSpec());
        var lists = await Agents.CreateAsync(teamspace, "Lists", new AgentSpec { Tools = [], Corpus = [], KnowledgeIds = [] });

        AssertSameSpec(new AgentSpec(), (await Agents.FindAsync(teamspace, empty.Id))!.Spec);
        var found = (await Agents.FindAsync(teamspace, lists.Id))!.Spec;
        Assert.NotNull(found.Tools);
        Assert.Empty(found.Tools);
        Assert.NotNull(found.Corpus);
        Assert.Empty(found.Corpus);
        Assert.Null(found.McpServers);
    }

    [Fact]
    public async Task A_teamspace_cannot_find_update_or_delete_another_teamspaces_agent()
    {
        var mine = await NewTeamspaceAsync();
        var theirs = await NewTeamspaceAsync();
        var agent = await Agents.CreateAsync(mine, "Mine", new AgentSpec { Description = "private" });

        Assert.Null(await Agents.FindAsync(theirs, agent.Id));
        Assert.Null(await Agents.UpdateAsync(theirs, agent.Id, "Stolen", new AgentSpec()));
        Assert.False(await Agents.DeleteAsync(theirs, agent.Id));
        Assert.Empty(await Agents.ListAsync(theirs, PageRequest.First()));

        AssertSameAgent(agent, await Agents.FindAsync(mine, agent.Id));
    }

    [Fact]
    public async Task Each_teamspace_gets_one_default_agent_on_first_use()
    {
        var mine = await NewTeamspaceAsync();
        var theirs = await NewTeamspaceAsync();
        await Agents.CreateAsync(mine, "Not the default", new AgentSpec());

        var first = await Agents.GetDefaultAsync(mine);
        var again = await Agents.GetDefaultAsync(mine);
        var other = await Agents.GetDefaultAsync(theirs);

        Assert.True(first.IsDefault);
        Assert.Equal(mine, first.TeamspaceId);
        AssertSameAgent(first, again);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal(theirs, other.TeamspaceId);
        Assert.Single(await Agents.ListAsync(mine, PageRequest.First()), a => a.IsDefault);
    }

    [Fact]
    public async Task Sessions_racing_for_the_default_agent_all_get_the_same_one_and_only_one_is_stored()
    {
        var teamspace = await NewTeamspaceAsync();

        var defaults = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Agents.GetDefaultAsync(teamspace))));

        Assert.Single(defaults.Select(a => a.Id).Distinct());
        Assert.Single(await Agents.ListAsync(teamspace, PageRequest.First()), a => a.IsDefault);
    }

    [Fact]
    public async Task A_deleted_default_agent_is_made_again_on_next_use()
    {
        var teamspace = await NewTeamspaceAsync();
        var first = await Agents.GetDefaultAsync(teamspace);
        Assert.True(await Agents.DeleteAsync(teamspace, first.Id));

        var second = await Agents.GetDefaultAsync(teamspace);

        Assert.NotEqual(first.Id, second.Id);
        Assert.True(second.IsDefault);
        Assert.Equal(second.Id, (await Agents.GetDefaultAsync(teamspace)).Id);
        Assert.Equal([second.Id], (await Agents.ListAsync(teamspace, PageRequest.First())).Select(a => a.Id));
    }

    private static IReadOnlyList<JsonElement> Elements(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    /// <summary>Specs hold lists and JSON elements, which records compare by reference; the stored JSON compares them by value.</summary>
    private static void AssertSameSpec(AgentSpec expected, AgentSpec actual)
    {
        Assert.Equal(Json(expected), Json(actual));
        Assert.Equal(expected.Corpus?.Count, actual.Corpus?.Count);
        for (var i = 0; i < (expected.Corpus?.Count ?? 0); i++)
        {
            Assert.True(JsonElement.DeepEquals(expected.Corpus![i], actual.Corpus![i]), $"corpus item {i} differs");
        }
    }

    private static void AssertSameAgent(AgentRecord expected, AgentRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Spec = new AgentSpec() }, actual with { Spec = new AgentSpec() });
        AssertSameSpec(expected.Spec, actual.Spec);
    }

    private static string Json(AgentSpec spec) => JsonSerializer.Serialize(spec, StorageJsonContext.Default.AgentSpec);
}
