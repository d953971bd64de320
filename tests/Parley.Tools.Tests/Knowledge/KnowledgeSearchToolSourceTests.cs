using System.Text.Json;
using Microsoft.Extensions.AI;
using Parley.Agents.Tools;
using Parley.Storage.Agents;
using Parley.Storage.Knowledge;
using Parley.Tools.Knowledge;

namespace Parley.Tools.Tests.Knowledge;

public sealed class KnowledgeSearchToolSourceTests(KnowledgeDatabase database) : IClassFixture<KnowledgeDatabase>
{
    private static readonly KnowledgeChunk[] Handbook =
    [
        new(0, "Welcome to Acme. The project kickoff for every team is on Monday.", 1),
        new(1, "# Project falcon\n\nProject falcon is our new rocket. The launch code for project falcon is seven seven four. Keep it secret.", 2),
    ];

    private readonly RecordingToolEvents _events = new();

    [Fact]
    public async Task Is_given_only_to_an_agent_that_has_it_and_has_knowledge_to_search()
    {
        var source = new KnowledgeSearchToolSource(database.Store);

        Assert.Empty((await source.GetToolsAsync(Context(new AgentSpec(), []))).Tools);
        Assert.Empty((await source.GetToolsAsync(Context(new AgentSpec { Tools = [new("calculator")] }, ["k1"]))).Tools);
        Assert.Empty((await source.GetToolsAsync(Context(new AgentSpec { DisabledTools = [new(ToolNames.KnowledgeSearch)] }, ["k1"]))).Tools);

        var tool = Assert.IsAssignableFrom<AIFunction>(Assert.Single((await source.GetToolsAsync(Context(new AgentSpec(), ["k1"]))).Tools));
        Assert.Equal(ToolNames.KnowledgeSearch, tool.Name);
        Assert.True(tool.JsonSchema.GetProperty("properties").TryGetProperty("query", out _));
        Assert.Contains("query", tool.JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Returns_the_answering_passage_with_its_source_and_cites_it()
    {
        var teamspace = await database.NewTeamspaceAsync();
        var handbook = await database.IndexAsync(teamspace, "Handbook", ("handbook.pdf", Handbook));

        var result = await SearchAsync(teamspace, [handbook], "launch code project falcon");

        var passage = Assert.Single(result.GetProperty("passages").EnumerateArray());
        Assert.Equal("Project falcon is our new rocket. The launch code for project falcon is seven seven four. Keep it secret.", passage.GetProperty("text").GetString());
        Assert.Equal("handbook.pdf", passage.GetProperty("source").GetString());
        Assert.Equal(2, passage.GetProperty("page").GetInt32());

        // The kickoff passage shares only "project": noise, neither returned nor cited.
        var citation = Assert.Single(Assert.Single(_events.Citations));
        Assert.Equal("The launch code for project falcon is seven seven four.", citation.Text);
        var cited = Assert.Single(citation.Sources);
        Assert.Equal(("handbook.pdf", "pdf_page", handbook), (cited.SourceName, cited.Type, cited.SourceId));
        Assert.Equal(["The launch code for project falcon is seven seven four."], cited.Confirmations);
        Assert.Null(cited.SourceUri);
    }

    [Fact]
    public async Task Text_files_are_cited_as_records_and_several_passages_come_best_first()
    {
        var teamspace = await database.NewTeamspaceAsync();
        var notes = await database.IndexAsync(
            teamspace,
            "Notes",
            ("parking.txt", [new KnowledgeChunk(0, "Staff park in the north lot. Visitors park in the south lot near reception.")]),
            ("garage.md", [new KnowledgeChunk(0, "The garage is for staff parking at night.")]));

        var result = await SearchAsync(teamspace, [notes], "where do visitors park");

        var passages = result.GetProperty("passages").EnumerateArray().ToList();
        Assert.Equal("parking.txt", passages[0].GetProperty("source").GetString());
        Assert.False(passages[0].TryGetProperty("page", out var page) && page.ValueKind != JsonValueKind.Null, "a text file has no page");
        var citations = Assert.Single(_events.Citations);
        Assert.Equal(passages.Count, citations.Count);
        Assert.Equal("Visitors park in the south lot near reception.", citations[0].Text);
        Assert.All(citations, c => Assert.Equal("record", Assert.Single(c.Sources).Type));
        Assert.InRange(passages.Count, 1, 4);
    }

    [Fact]
    public async Task Searches_only_the_sessions_knowledge_never_the_rest_of_the_teamspace_or_another()
    {
        var teamspace = await database.NewTeamspaceAsync();
        var given = await database.IndexAsync(teamspace, "Given", ("menu.txt", [new KnowledgeChunk(0, "Soup of the day is tomato.")]));
        await database.IndexAsync(teamspace, "Not given", ("secret.txt", [new KnowledgeChunk(0, "The vault combination is nine one two.")]));
        var elsewhere = await database.IndexAsync(await database.NewTeamspaceAsync(), "Theirs", ("vault.txt", [new KnowledgeChunk(0, "The vault combination is three three three.")]));

        Assert.Empty((await SearchAsync(teamspace, [given], "vault combination")).GetProperty("passages").EnumerateArray());
        Assert.Empty((await SearchAsync(teamspace, [given, elsewhere], "vault combination")).GetProperty("passages").EnumerateArray());
        Assert.Empty(_events.Citations);
    }

    [Fact]
    public async Task Runs_through_the_toolbox_with_the_other_sources()
    {
        var teamspace = await database.NewTeamspaceAsync();
        var handbook = await database.IndexAsync(teamspace, "Handbook", ("handbook.pdf", Handbook));
        var toolbox = new Toolbox([new Parley.Tools.BuiltIn.BuiltInToolSource(TimeProvider.System), new KnowledgeSearchToolSource(database.Store), new Parley.Tools.Calls.EndCallToolSource()]);

        var set = await toolbox.BuildAsync(Context(new AgentSpec(), [handbook], teamspace));

        Assert.Equal(
            [ToolNames.GetCurrentTime, ToolNames.Calculator, ToolNames.KnowledgeSearch, ToolNames.EndCall],
            set.Tools.Select(t => t.Name));
    }

    private async Task<JsonElement> SearchAsync(string teamspace, IReadOnlyList<string> knowledgeIds, string query)
    {
        var set = await new KnowledgeSearchToolSource(database.Store).GetToolsAsync(Context(new AgentSpec(), knowledgeIds, teamspace));
        var tool = (AIFunction)Assert.Single(set.Tools);
        var result = await tool.InvokeAsync(new AIFunctionArguments { ["query"] = query });
        // As a model sees it: JSON.
        return result as JsonElement? ?? JsonSerializer.SerializeToElement(result, AIJsonUtilities.DefaultOptions);
    }

    private ToolContext Context(AgentSpec agent, IReadOnlyList<string> knowledgeIds, string teamspace = "t") =>
        new(teamspace, agent, knowledgeIds, [], _events);
}
