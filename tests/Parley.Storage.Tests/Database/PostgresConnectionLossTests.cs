using Dapper;
using Npgsql;
using Parley.Storage.Database;
using Parley.Storage.Messages;
using Parley.Storage.Tests.Fixtures;

namespace Parley.Storage.Tests.Database;

/// <summary>
/// Pooled connections that PostgreSQL cut (as a restart does: <c>pg_terminate_backend</c> sends the same
/// <c>57P01</c> a fast shutdown sends): a write on one fails as unavailable, never as a raw driver error, the next call
/// connects afresh, and the readiness check does not report a database that answers as away.
/// </summary>
public sealed class PostgresConnectionLossTests(PostgresStorage storage) : StorageTests(storage), IClassFixture<PostgresStorage>
{
    [Fact]
    public async Task A_write_on_a_connection_the_server_cut_fails_as_unavailable_and_the_next_one_connects_afresh()
    {
        var teamspace = await NewTeamspaceAsync();
        const string Rename = "UPDATE teamspaces SET name = @Name WHERE id = @Id;";
        await CutEveryConnectionAsync();

        var failed = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => Database.ExecuteWriteAsync(Rename, new { Name = "lost", Id = teamspace }));
        Assert.IsAssignableFrom<NpgsqlException>(failed.InnerException);
        Assert.Equal(1, await Database.ExecuteWriteAsync(Rename, new { Name = "kept", Id = teamspace }));
        Assert.Equal(["kept"], await QueryAsync<string>("SELECT name FROM teamspaces WHERE id = @Id;", new { Id = teamspace }));
    }

    [Fact]
    public async Task The_readiness_check_asks_again_on_a_new_connection_when_a_pooled_one_was_cut()
    {
        Assert.Null(await Database.CheckAsync());
        await CutEveryConnectionAsync();

        Assert.Null(await Database.CheckAsync());
    }

    [Fact]
    public async Task A_timeline_batch_on_a_cut_connection_is_refused_whole_and_stored_once_when_written_again()
    {
        var teamspace = await NewTeamspaceAsync();
        var conversation = await new Storage.Conversations.ConversationStore(Database, Time).CreateAsync(teamspace, "cut", []);
        var messages = new MessageStore(Database, Time);
        var message = Ids.New();
        await messages.CreateVoiceMessageAsync(message, teamspace, conversation.Id, agentId: null);
        TimelineEvent[] batch =
        [
            new() { TimestampMs = 1, Type = TimelineEventTypes.Transcript, Role = MessageRoles.User, Text = "what is twelve times seven" },
            new() { TimestampMs = 2, Type = TimelineEventTypes.Transcript, Role = MessageRoles.Agent, Text = "84." },
        ];
        await CutEveryConnectionAsync();

        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => messages.AppendNumberedEventsAsync(message, 1, batch));
        await messages.AppendNumberedEventsAsync(message, 1, batch);

        Assert.Equal(["what is twelve times seven", "84."], (await messages.ListEventsAsync(message)).Select(e => e.Text));
    }

    /// <summary>Ends every backend serving this database but the caller's own, leaving the pool holding dead connections.</summary>
    private async Task CutEveryConnectionAsync()
    {
        await using var probe = await Database.OpenAsync();
        var name = await probe.ExecuteScalarAsync<string>("SELECT current_database();");
        await probe.CloseAsync();
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresStorage.Variable)) { Pooling = false };
        await using var admin = new NpgsqlConnection(server.ConnectionString);
        await admin.OpenAsync();
        var cut = await admin.ExecuteScalarAsync<long>(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @Name AND pid <> pg_backend_pid();", new { Name = name });
        Assert.True(cut > 0, "no pooled connection to cut");

        // pg_terminate_backend only signals: wait until the backends are gone, so no query slips in before they go.
        for (var waited = 0; await admin.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = @Name AND pid <> pg_backend_pid();", new { Name = name }) > 0; waited++)
        {
            Assert.True(waited < 200, "the cut backends did not end within 10 s");
            await Task.Delay(50);
        }
    }
}
