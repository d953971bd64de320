using Parley.Knowledge.Tests.Infrastructure;
using Parley.Storage.Knowledge;
using static Parley.Knowledge.Tests.Infrastructure.KnowledgeTestbed;

namespace Parley.Knowledge.Tests.Ingestion;

/// <summary>Retrieval over ingested files on SQLite (FTS5, BM25): the right passage first, whatever the user typed.</summary>
public sealed class SearchTests(KnowledgeTestbed bed) : IClassFixture<KnowledgeTestbed>
{
    [Theory]
    [InlineData("How often should I run the descaling program?", "manual.pdf", 2)]
    [InlineData("how long is the warranty", "manual.pdf", 1)]
    [InlineData("When does the shop open in the morning?", "hours.md", null)]
    [InlineData("can I get my money back, a refund?", "returns.txt", null)]
    public async Task A_question_finds_the_passage_that_answers_it_first(string question, string source, int? page)
    {
        var teamspace = await bed.NewTeamspaceAsync();
        var knowledge = await bed.CreateReadyAsync(teamspace, "Shop", [.. SampleFiles.All()]);

        var best = (await bed.Store.SearchAsync(teamspace, [knowledge.Id], question, 3))[0];

        Assert.Equal(source, best.SourceName);
        Assert.Equal(page, best.PageNumber);
        Assert.Equal(knowledge.Id, best.KnowledgeId);
        Assert.Equal("Shop", best.KnowledgeName);
        Assert.True(best.Score > 0);
    }

    [Fact]
    public async Task Passages_matching_more_and_rarer_words_rank_higher()
    {
        var teamspace = await bed.NewTeamspaceAsync();
        var knowledge = await bed.CreateReadyAsync(
            teamspace,
            "cats",
            Upload("a.txt", "The cat sat on the mat all afternoon."),
            Upload("b.txt", "The cat chased the red laser pointer across the mat."),
            Upload("c.txt", "A dog slept under the table."));

        var results = await bed.Store.SearchAsync(teamspace, [knowledge.Id], "red laser cat", 10);

        Assert.Equal(["b.txt", "a.txt"], results.Select(r => r.SourceName));
        Assert.True(results[0].Score > results[1].Score);
    }

    [Theory]
    [InlineData("\"refund")]
    [InlineData("refund\" OR \"")]
    [InlineData("refund AND (NOT) NEAR(x y) * ^ : -- ' ;")]
    [InlineData("refund's {30} days? [card]")]
    [InlineData("REFUND!!!")]
    public async Task Quotes_operators_and_punctuation_never_break_the_query(string query)
    {
        var teamspace = await bed.NewTeamspaceAsync();
        var knowledge = await bed.CreateReadyAsync(teamspace, "Shop", [.. SampleFiles.All()]);

        var results = await bed.Store.SearchAsync(teamspace, [knowledge.Id], query, 5);

        Assert.Equal("returns.txt", results[0].SourceName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!\"'*()")]
    public async Task A_query_without_words_finds_nothing(string query)
    {
        var teamspace = await bed.NewTeamspaceAsync();
        await bed.CreateReadyAsync(teamspace, "Shop", SampleFiles.Returns());
        Assert.Empty(await bed.Store.SearchAsync(teamspace, null, query, 5));
    }

    [Fact]
    public async Task Search_sees_only_the_knowledge_asked_for_and_never_another_teamspaces()
    {
        var teamspace = await bed.NewTeamspaceAsync();
        var other = await bed.NewTeamspaceAsync();
        var returns = await bed.CreateReadyAsync(teamspace, "Returns", SampleFiles.Returns());
        var hours = await bed.CreateReadyAsync(teamspace, "Hours", SampleFiles.Hours());
        var theirs = await bed.CreateReadyAsync(other, "Theirs", Upload("theirs.txt", "Our refund desk is on the second floor."));

        Assert.Equal(["returns.txt"], (await bed.Store.SearchAsync(teamspace, null, "refund", 10)).Select(r => r.SourceName));
        Assert.Empty(await bed.Store.SearchAsync(teamspace, [hours.Id], "refund", 10));
        Assert.Empty(await bed.Store.SearchAsync(teamspace, [], "refund", 10));
        Assert.Single(await bed.Store.SearchAsync(teamspace, [returns.Id, hours.Id, theirs.Id], "refund", 10));
        Assert.Empty(await bed.Store.SearchAsync(other, [returns.Id], "refund", 10));
        Assert.Equal(["theirs.txt"], (await bed.Store.SearchAsync(other, null, "refund", 10)).Select(r => r.SourceName));
    }

    [Fact]
    public async Task The_limit_caps_the_results()
    {
        var teamspace = await bed.NewTeamspaceAsync();
        var uploads = Enumerable.Range(1, 8).Select(i => Upload($"note{i}.txt", $"Note {i} mentions the harbour.")).ToArray();
        await bed.CreateReadyAsync(teamspace, "notes", uploads);

        Assert.Equal(3, (await bed.Store.SearchAsync(teamspace, null, "harbour", 3)).Count);
        Assert.Empty(await bed.Store.SearchAsync(teamspace, null, "harbour", 0));
    }
}
