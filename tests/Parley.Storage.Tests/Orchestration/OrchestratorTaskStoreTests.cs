using Parley.Storage.Database;
using Parley.Storage.Orchestration;
using Parley.Storage.Tests.Fixtures;

namespace Parley.Storage.Tests.Orchestration;

public abstract class OrchestratorTaskStoreTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : OrchestratorTaskStoreTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : OrchestratorTaskStoreTests(storage), IClassFixture<PostgresStorage>;

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private OrchestratorTaskStore Store => new(Database, Time);

    [Fact]
    public async Task A_task_is_queued_with_its_lifetime_and_found_only_in_its_teamspace()
    {
        var teamspace = await NewTeamspaceAsync();
        var other = await NewTeamspaceAsync();

        var (admission, task) = await Store.CreateAsync(New(teamspace, "conv-1", "look up the opening hours"), Lifetime, 16, 100);

        Assert.Equal(TaskAdmission.Queued, admission);
        Assert.NotNull(task);
        Assert.Equal(
            (OrchestratorTaskStatuses.Queued, "look up the opening hours", "Researcher", "conv-1", Start, Start, Start + Lifetime, 0),
            (task.Status, task.Task, task.AgentName, task.ConversationId, task.CreatedAt, task.UpdatedAt, task.ExpiresAt, task.Attempts));
        Assert.Equal(task, await Store.FindAsync(teamspace, task.Id));
        Assert.Null(await Store.FindAsync(other, task.Id));
        Assert.Null(await Store.CancelAsync(other, task.Id));
        Assert.Null(await Store.AcknowledgeAsync(other, task.Id));
        Assert.Empty(await Store.ListAsync(other, Inbox()));
    }

    [Fact]
    public async Task Admission_stops_at_the_teamspace_bound_and_at_the_server_bound()
    {
        var teamspace = await NewTeamspaceAsync();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(TaskAdmission.Queued, (await Store.CreateAsync(New(teamspace, "c", $"task {i}"), Lifetime, 2, 1000)).Admission);
        }

        var refused = await Store.CreateAsync(New(teamspace, "c", "one too many"), Lifetime, 2, 1000);
        Assert.Equal((TaskAdmission.TeamspaceBusy, null), refused);

        // Another teamspace is not held back by this one's bound, but by the server's queue.
        var queuedNow = (await QueryAsync<long>("SELECT COUNT(*) FROM voice_orchestrator_tasks WHERE status = 'queued';"))[0];
        var other = await NewTeamspaceAsync();
        Assert.Equal(TaskAdmission.Queued, (await Store.CreateAsync(New(other, "c", "fits"), Lifetime, 2, (int)queuedNow + 1)).Admission);
        Assert.Equal(TaskAdmission.ServerBusy, (await Store.CreateAsync(New(other, "c", "does not"), Lifetime, 2, (int)queuedNow + 1)).Admission);
    }

    [Fact]
    public async Task The_inbox_shows_active_and_unacknowledged_tasks_newest_first_and_filters_by_status_and_conversation()
    {
        var teamspace = await NewTeamspaceAsync();
        var done = await QueueAsync(teamspace, "conv-a", "done");
        var acknowledged = await QueueAsync(teamspace, "conv-a", "acknowledged");
        var cancelled = await QueueAsync(teamspace, "conv-b", "cancelled");
        var waiting = await QueueAsync(teamspace, "conv-b", "waiting");
        await SetAsync(done.Id, OrchestratorTaskStatuses.Completed);
        await SetAsync(acknowledged.Id, OrchestratorTaskStatuses.Completed);
        Assert.NotNull(await Store.AcknowledgeAsync(teamspace, acknowledged.Id));
        Assert.NotNull(await Store.CancelAsync(teamspace, cancelled.Id));

        Assert.Equal([waiting.Id, cancelled.Id, done.Id], IdsOf(await Store.ListAsync(teamspace, Inbox())));
        Assert.Equal([waiting.Id], IdsOf(await Store.ListAsync(teamspace, Inbox() with { Limit = 1 })));
        Assert.Equal([acknowledged.Id, done.Id], IdsOf(await Store.ListAsync(teamspace, Inbox([OrchestratorTaskStatuses.Completed]))));
        Assert.Equal(
            [waiting.Id, cancelled.Id],
            IdsOf(await Store.ListAsync(teamspace, Inbox([OrchestratorTaskStatuses.Queued, OrchestratorTaskStatuses.Cancelled, OrchestratorTaskStatuses.Queued]))));
        Assert.Equal([done.Id], IdsOf(await Store.ListAsync(teamspace, Inbox() with { ConversationId = "conv-a" })));

        // A queued task past its expiry leaves the default inbox (and fails when a worker reaches it).
        Time.Advance(Lifetime + TimeSpan.FromSeconds(1));
        Assert.Equal([cancelled.Id, done.Id], IdsOf(await Store.ListAsync(teamspace, Inbox())));
    }

    [Fact]
    public async Task Acknowledging_keeps_the_first_time_and_cancelling_works_only_on_unfinished_tasks()
    {
        var teamspace = await NewTeamspaceAsync();
        var task = await QueueAsync(teamspace, "c", "task");
        var first = await Store.AcknowledgeAsync(teamspace, task.Id);
        Time.Advance(TimeSpan.FromMinutes(1));
        var second = await Store.AcknowledgeAsync(teamspace, task.Id);
        Assert.Equal(Start, first!.AcknowledgedAt);
        Assert.Equal(Start, second!.AcknowledgedAt);
        Assert.Equal(Start.AddMinutes(1), second.UpdatedAt);

        var cancelled = await Store.CancelAsync(teamspace, task.Id);
        Assert.Equal((OrchestratorTaskStatuses.Cancelled, Start.AddMinutes(1)), (cancelled!.Status, cancelled.CompletedAt));
        Assert.Null(await Store.CancelAsync(teamspace, task.Id));
    }

    [Fact]
    public async Task A_conversation_lists_its_active_tasks_and_the_outcomes_not_yet_heard()
    {
        var teamspace = await NewTeamspaceAsync();
        var conversation = Ids.New();
        var running = await QueueAsync(teamspace, conversation, "running");
        var completed = await QueueAsync(teamspace, conversation, "completed");
        var failed = await QueueAsync(teamspace, conversation, "failed");
        var heard = await QueueAsync(teamspace, conversation, "heard");
        var cancelled = await QueueAsync(teamspace, conversation, "cancelled");
        await QueueAsync(teamspace, Ids.New(), "elsewhere");
        await SetAsync(running.Id, OrchestratorTaskStatuses.Running);
        await SetAsync(completed.Id, OrchestratorTaskStatuses.Completed);
        await SetAsync(failed.Id, OrchestratorTaskStatuses.Failed);
        await SetAsync(heard.Id, OrchestratorTaskStatuses.Completed);
        await Store.CancelAsync(teamspace, cancelled.Id);
        await Store.MarkAnnouncedAsync([heard.Id, heard.Id]);

        Assert.Equal([running.Id], IdsOf(await Store.ListActiveAsync(teamspace, conversation)));
        Assert.Equal([completed.Id, failed.Id], IdsOf(await Store.ListUnannouncedAsync(teamspace, conversation)));
        Assert.Empty(await Store.ListUnannouncedAsync(await NewTeamspaceAsync(), conversation));
        Assert.Equal(Start, (await Store.FindAsync(teamspace, heard.Id))!.AnnouncedAt);
    }

    [Fact]
    public async Task Workers_claim_the_oldest_task_once_record_one_outcome_and_recover_what_a_stop_left_running()
    {
        using var database = await FreshDatabaseAsync();
        var store = new OrchestratorTaskStore(database, Time);
        var teamspace = Ids.New();
        await new Teamspaces.TeamspaceStore(database, Time).EnsureAsync(teamspace, teamspace);
        var first = (await store.CreateAsync(New(teamspace, "c", "first"), Lifetime, 16, 100)).Task!;
        var second = (await store.CreateAsync(New(teamspace, "c", "second"), Lifetime, 16, 100)).Task!;
        var third = (await store.CreateAsync(New(teamspace, "c", "third"), Lifetime, 16, 100)).Task!;

        var claimed = await store.ClaimNextAsync();
        Assert.Equal((first.Id, OrchestratorTaskStatuses.Running, 1), (claimed!.Id, claimed.Status, claimed.Attempts));
        Assert.Equal(second.Id, (await store.ClaimNextAsync())!.Id);

        // Completed, then cancelled too late: the completion stands.
        var completed = await store.CompleteAsync(first.Id, "Twelve times seven is eighty-four.");
        Assert.Equal((OrchestratorTaskStatuses.Completed, "Twelve times seven is eighty-four."), (completed!.Status, completed.Result));
        Assert.Null(await store.CancelAsync(teamspace, first.Id));

        // Cancelled while it ran: the outcome that comes afterwards is not recorded.
        Assert.NotNull(await store.CancelAsync(teamspace, second.Id));
        Assert.Null(await store.CompleteAsync(second.Id, "too late"));
        Assert.Null(await store.FailAsync(second.Id, "too late"));
        Assert.Equal(OrchestratorTaskStatuses.Cancelled, (await store.FindAsync(teamspace, second.Id))!.Status);

        // The server stops with `third` running twice over: the first recovery queues it again, the second gives it up.
        Assert.Equal(third.Id, (await store.ClaimNextAsync())!.Id);
        Assert.Equal((1, 0), await store.RecoverAsync(maxAttempts: 2));
        Assert.Equal((third.Id, 2), ((await store.ClaimNextAsync())!.Id, (await store.FindAsync(teamspace, third.Id))!.Attempts));
        Assert.Equal((0, 1), await store.RecoverAsync(maxAttempts: 2));
        var givenUp = (await store.FindAsync(teamspace, third.Id))!;
        Assert.Equal(OrchestratorTaskStatuses.Failed, givenUp.Status);
        Assert.Contains("server stopped", givenUp.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(await store.ClaimNextAsync());

        // A graceful stop puts a run back in the queue at once.
        var fourth = (await store.CreateAsync(New(teamspace, "c", "fourth"), Lifetime, 16, 100)).Task!;
        await store.ClaimNextAsync();
        await store.RequeueAsync(fourth.Id);
        Assert.Equal(OrchestratorTaskStatuses.Queued, (await store.FindAsync(teamspace, fourth.Id))!.Status);
    }

    [Fact]
    public async Task Expired_tasks_fail_before_they_run_and_finished_ones_are_purged()
    {
        using var database = await FreshDatabaseAsync();
        var store = new OrchestratorTaskStore(database, Time);
        var teamspace = Ids.New();
        await new Teamspaces.TeamspaceStore(database, Time).EnsureAsync(teamspace, teamspace);
        var stale = (await store.CreateAsync(New(teamspace, "c", "stale"), TimeSpan.FromMinutes(1), 16, 100)).Task!;
        var fresh = (await store.CreateAsync(New(teamspace, "c", "fresh"), Lifetime, 16, 100)).Task!;

        Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(fresh.Id, (await store.ClaimNextAsync())!.Id);
        var expired = (await store.FindAsync(teamspace, stale.Id))!;
        Assert.Equal(OrchestratorTaskStatuses.Failed, expired.Status);
        Assert.Contains("expired", expired.ErrorMessage, StringComparison.Ordinal);

        Assert.Equal(1, await store.PurgeExpiredAsync());
        Assert.Null(await store.FindAsync(teamspace, stale.Id));
        Assert.Equal(0, await store.PurgeExpiredAsync()); // the running one is past nothing yet
        Assert.NotNull(await store.FindAsync(teamspace, fresh.Id));
    }

    [Fact]
    public async Task A_long_result_is_kept_bounded()
    {
        using var database = await FreshDatabaseAsync();
        var store = new OrchestratorTaskStore(database, Time);
        var teamspace = Ids.New();
        await new Teamspaces.TeamspaceStore(database, Time).EnsureAsync(teamspace, teamspace);
        var task = (await store.CreateAsync(New(teamspace, "c", "write a lot"), Lifetime, 16, 100)).Task!;
        await store.ClaimNextAsync();

        var completed = await store.CompleteAsync(task.Id, new string('x', 100_000));

        Assert.Equal(16_000, completed!.Result!.Length);
    }

    private async Task<ParleyDatabase> FreshDatabaseAsync()
    {
        var database = await Storage.CreateDatabaseAsync();
        await database.MigrateAsync();
        return database;
    }

    private async Task<OrchestratorTaskRecord> QueueAsync(string teamspace, string conversation, string task)
        => (await Store.CreateAsync(New(teamspace, conversation, task), Lifetime, 100, 100_000)).Task!;

    // Sets a status straight in the table: the worker's claims are tested on a database of their own.
    private async Task SetAsync(string id, string status)
        => await QueryAsync<int>("UPDATE voice_orchestrator_tasks SET status = @Status WHERE id = @Id;", new { Id = id, Status = status });

    private static NewOrchestratorTask New(string teamspace, string conversation, string task)
        => new(teamspace, conversation, "message-1", "agent-1", "Researcher", task);

    private static OrchestratorTaskFilter Inbox(IReadOnlyList<string>? statuses = null) => new(statuses ?? [], null, 20);

    private static List<string> IdsOf(IEnumerable<OrchestratorTaskRecord> tasks) => [.. tasks.Select(t => t.Id)];
}
