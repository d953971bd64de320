using Parley.Storage.Agents;
using Parley.Storage.Conversations;
using Parley.Storage.Tests.Fixtures;

namespace Parley.Storage.Tests.Concurrency;

/// <summary>Read-modify-write updates that race: each must see the others' writes, so none is lost (issue 12, item 7).</summary>
public abstract class ConcurrentUpdateTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : ConcurrentUpdateTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : ConcurrentUpdateTests(storage), IClassFixture<PostgresStorage>;

    private const int Writers = 40;

    [Fact]
    public async Task Forty_concurrent_changes_of_one_agent_each_adding_its_own_entry_all_land()
    {
        var teamspace = await NewTeamspaceAsync();
        var agents = new AgentStore(Database, Time);
        var agent = await agents.CreateAsync(teamspace, "shared", new AgentSpec { Description = "kept" });

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(() => agents.UpdateAsync(teamspace, agent.Id, current =>
        {
            // Time between the read and the write, as an endpoint validating a body would take.
            Thread.Sleep(2);
            return (current.Name, current.Spec with { KnowledgeIds = [.. current.Spec.KnowledgeIds ?? [], $"k{i}"] });
        }))));

        Assert.All(results, Assert.NotNull);
        var stored = (await agents.FindAsync(teamspace, agent.Id))!;
        Assert.Equal(Enumerable.Range(0, Writers).Select(i => $"k{i}").Order(), stored.Spec.KnowledgeIds!.Order());
        Assert.Equal("kept", stored.Spec.Description);
        // Each writer saw the writes before it: the counts it stored went up one by one.
        Assert.Equal(Enumerable.Range(1, Writers), results.Select(r => r!.Spec.KnowledgeIds!.Count).Order());
    }

    [Fact]
    public async Task A_change_that_throws_changes_nothing_and_a_missing_agent_is_null()
    {
        var teamspace = await NewTeamspaceAsync();
        var agents = new AgentStore(Database, Time);
        var agent = await agents.CreateAsync(teamspace, "before", new AgentSpec());

        await Assert.ThrowsAsync<InvalidOperationException>(() => agents.UpdateAsync(teamspace, agent.Id, _ => throw new InvalidOperationException("refused")));
        Assert.Equal("before", (await agents.FindAsync(teamspace, agent.Id))!.Name);
        Assert.Null(await agents.UpdateAsync(teamspace, Ids.New(), a => (a.Name, a.Spec)));
        Assert.Null(await agents.UpdateAsync(await NewTeamspaceAsync(), agent.Id, a => ("stolen", a.Spec)));
    }

    [Fact]
    public async Task Forty_concurrent_renames_and_agent_additions_of_one_conversation_all_land()
    {
        var teamspace = await NewTeamspaceAsync();
        var conversations = new ConversationStore(Database, Time);
        var conversation = await conversations.CreateAsync(teamspace, "start", []);

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            if (i % 2 == 0)
            {
                await conversations.TouchAsync(conversation.Id, $"agent-{i}");
            }
            else
            {
                await conversations.UpdateAsync(teamspace, conversation.Id, c => c with { Name = $"name {i}", AgentIds = [.. c.AgentIds, $"agent-{i}"] });
            }
        })));

        var stored = (await conversations.FindAsync(teamspace, conversation.Id))!;
        Assert.Equal(Enumerable.Range(0, Writers).Select(i => $"agent-{i}").Order(), stored.AgentIds.Order());
        Assert.StartsWith("name ", stored.Name, StringComparison.Ordinal);
    }
}
