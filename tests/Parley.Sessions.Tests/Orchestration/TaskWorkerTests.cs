using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Parley.Agents.Tools;
using Parley.Sessions.Agents;
using Parley.Sessions.Orchestration;
using Parley.Sessions.Tests.Timelines;
using Parley.Storage.Agents;
using Parley.Storage.Orchestration;
using Parley.Tools;
using Parley.Tools.BuiltIn;

namespace Parley.Sessions.Tests.Orchestration;

/// <summary>The task worker: runs each task through the named agent, records one outcome, honours cancellation and its limits, and never leaves a task running.</summary>
public sealed class TaskWorkerTests : IAsyncLifetime
{
    private readonly TimelineStorage _storage = new();
    private readonly FakeTimeProvider _time = new();
    private readonly TaskNotifications _notifications = new();
    private readonly List<OrchestratorTaskRecord> _published = [];
    private ModelsByName _models = null!;
    private TaskOrchestrator _orchestrator = null!;
    private IDisposable? _listening;

    public async Task InitializeAsync()
    {
        await _storage.InitializeAsync();
        _models = new ModelsByName(_time);
        _listening = _notifications.Listen("conv", task =>
        {
            lock (_published)
            {
                _published.Add(task);
            }
        });
    }

    public async Task DisposeAsync()
    {
        _listening?.Dispose();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task A_task_is_done_by_the_named_agent_with_its_own_tools_and_its_outcome_told()
    {
        var maths = await AgentAsync("Maths", llmModel: null, tools: [ToolNames.Calculator]);
        await using var worker = await StartWorkerAsync();

        var task = await DelegateAsync(maths, "what is twelve times seven");

        var done = await WaitForAsync(task.Id, OrchestratorTaskStatuses.Completed);
        Assert.Equal(("Twelve times seven is eighty-four.", null, 1), (done.Result, done.ErrorMessage, done.Attempts));
        Assert.NotNull(done.CompletedAt);
        Assert.Equal([done], Published());
    }

    [Fact]
    public async Task A_task_whose_agent_fails_fails_with_the_reason_and_is_told_too()
    {
        var broken = await AgentAsync("Broken", llmModel: "failing");
        await using var worker = await StartWorkerAsync();

        var task = await DelegateAsync(broken, "look something up");

        var failed = await WaitForAsync(task.Id, OrchestratorTaskStatuses.Failed);
        Assert.Equal("Broken's language model failed: The model server answered 500 Internal Server Error.", failed.ErrorMessage);
        Assert.Null(failed.Result);
        Assert.Equal([failed], Published());
    }

    [Fact]
    public async Task A_task_of_an_agent_deleted_meanwhile_fails_saying_so()
    {
        var gone = await AgentAsync("Gone", llmModel: null);
        var task = await DelegateAsync(gone, "anything");
        await _storage.Agents.DeleteAsync(_storage.TeamspaceId, gone.Id);
        await using var worker = await StartWorkerAsync();

        var failed = await WaitForAsync(task.Id, OrchestratorTaskStatuses.Failed);
        Assert.Equal("The agent 'Gone' no longer exists.", failed.ErrorMessage);
    }

    [Fact]
    public async Task Cancelling_a_running_task_stops_its_agent_and_no_outcome_follows()
    {
        var slow = await AgentAsync("Slow", llmModel: "gated");
        await using var worker = await StartWorkerAsync();
        var task = await DelegateAsync(slow, "take your time");
        await WaitUntilAsync(() => _models.GatedStarted == 1, "the agent to start");

        var cancelled = await _orchestrator.CancelAsync(_storage.TeamspaceId, task.Id);
        Assert.Equal(OrchestratorTaskStatuses.Cancelled, cancelled!.Status);
        _models.Release(); // were the run still going, it would finish now

        var next = await DelegateAsync(await AgentAsync("Maths", null, [ToolNames.Calculator]), "what is two plus two");
        await WaitForAsync(next.Id, OrchestratorTaskStatuses.Completed);
        Assert.Equal(OrchestratorTaskStatuses.Cancelled, (await Find(task.Id)).Status);
        Assert.Equal([OrchestratorTaskStatuses.Cancelled, OrchestratorTaskStatuses.Completed], Published().Select(t => t.Status));
    }

    [Fact]
    public async Task A_task_past_its_time_limit_fails()
    {
        var slow = await AgentAsync("Slow", llmModel: "gated");
        await using var worker = await StartWorkerAsync(new OrchestratorOptions { MaxTaskDuration = TimeSpan.FromMinutes(2) });
        var task = await DelegateAsync(slow, "never mind the time");
        await WaitUntilAsync(() => _models.GatedStarted == 1, "the agent to start");

        _time.Advance(TimeSpan.FromMinutes(2));

        var failed = await WaitForAsync(task.Id, OrchestratorTaskStatuses.Failed);
        Assert.Equal("The task did not finish within 2 minutes.", failed.ErrorMessage);
    }

    [Fact]
    public async Task Tasks_run_no_more_than_the_pool_allows_and_the_rest_wait_their_turn()
    {
        var slow = await AgentAsync("Slow", llmModel: "gated");
        await using var worker = await StartWorkerAsync(new OrchestratorOptions { MaxConcurrentTasks = 1 });
        var first = await DelegateAsync(slow, "first");
        var second = await DelegateAsync(slow, "second");
        await WaitUntilAsync(() => _models.GatedStarted == 1, "the first run");
        await Task.Delay(200);

        Assert.Equal(1, _models.GatedStarted);
        Assert.Equal(OrchestratorTaskStatuses.Queued, (await Find(second.Id)).Status);

        _models.Release();
        Assert.Equal("Done: first.", (await WaitForAsync(first.Id, OrchestratorTaskStatuses.Completed)).Result);
        await WaitUntilAsync(() => _models.GatedStarted == 2, "the second run");
        _models.Release();
        Assert.Equal("Done: second.", (await WaitForAsync(second.Id, OrchestratorTaskStatuses.Completed)).Result);
    }

    [Fact]
    public async Task A_task_running_when_the_server_stops_is_queued_again_and_done_after_the_restart()
    {
        var slow = await AgentAsync("Slow", llmModel: "gated");
        var task = await DelegateAsync(slow, "survive a restart");
        var worker = await StartWorkerAsync();
        await WaitUntilAsync(() => _models.GatedStarted == 1, "the agent to start");

        await worker.DisposeAsync();
        var stopped = await Find(task.Id);
        Assert.Equal((OrchestratorTaskStatuses.Queued, 1), (stopped.Status, stopped.Attempts));

        await using var restarted = await StartWorkerAsync();
        await WaitUntilAsync(() => _models.GatedStarted == 2, "the second run");
        _models.Release();
        var done = await WaitForAsync(task.Id, OrchestratorTaskStatuses.Completed);
        Assert.Equal(("Done: survive a restart.", 2), (done.Result, done.Attempts));
    }

    [Fact]
    public async Task A_task_a_crash_left_running_is_run_again_and_given_up_once_it_has_used_its_starts()
    {
        var maths = await AgentAsync("Maths", llmModel: null, tools: [ToolNames.Calculator]);
        var again = await DelegateAsync(maths, "what is two plus two");
        var givenUp = await DelegateAsync(maths, "what is three plus three");
        await _storage.SetTaskAsync(again.Id, OrchestratorTaskStatuses.Running);
        await _storage.SetTaskAsync(givenUp.Id, OrchestratorTaskStatuses.Running);
        await _storage.SetTaskAttemptsAsync(givenUp.Id, 2);

        await using var worker = await StartWorkerAsync(new OrchestratorOptions { MaxAttempts = 2 });

        Assert.Equal("Two plus two is four.", (await WaitForAsync(again.Id, OrchestratorTaskStatuses.Completed)).Result);
        var failed = await WaitForAsync(givenUp.Id, OrchestratorTaskStatuses.Failed);
        Assert.Contains("server stopped while the task ran", failed.ErrorMessage, StringComparison.Ordinal);
    }

    private async Task<WorkerHandle> StartWorkerAsync(OrchestratorOptions? options = null)
    {
        options = (options ?? new OrchestratorOptions()).Validate();
        var board = new TaskWorkBoard();
        _orchestrator = new TaskOrchestrator(_storage.Tasks, _storage.Agents, board, _notifications, options, NullLogger<TaskOrchestrator>.Instance);
        var factory = new AgentFactory(new Toolbox([new BuiltInToolSource(_time)]), _models, _time);
        var runner = new TaskRunner(factory, _storage.Agents, NullLogger<TaskRunner>.Instance);
        var worker = new OrchestratorTaskWorker(_orchestrator, runner, board, options, _time, NullLogger<OrchestratorTaskWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        return new WorkerHandle(worker);
    }

    private async Task<AgentRecord> AgentAsync(string name, string? llmModel, IReadOnlyList<string>? tools = null)
        => await _storage.Agents.CreateAsync(_storage.TeamspaceId, name, new AgentSpec
        {
            LlmModel = llmModel,
            Tools = tools is null ? null : [.. tools.Select(t => new AgentToolRef(t))],
        });

    private async Task<OrchestratorTaskRecord> DelegateAsync(AgentRecord agent, string task)
    {
        var orchestrator = _orchestrator ?? new TaskOrchestrator(
            _storage.Tasks, _storage.Agents, new TaskWorkBoard(), _notifications, new OrchestratorOptions(), NullLogger<TaskOrchestrator>.Instance);
        var (_, queued) = await orchestrator.DelegateAsync(new NewOrchestratorTask(_storage.TeamspaceId, "conv", null, agent.Id, agent.Name, task));
        return queued!;
    }

    private async Task<OrchestratorTaskRecord> Find(string id) => (await _storage.Tasks.FindAsync(_storage.TeamspaceId, id))!;

    private async Task<OrchestratorTaskRecord> WaitForAsync(string id, string status)
    {
        OrchestratorTaskRecord? task = null;
        await WaitUntilAsync(async () => (task = await Find(id)).Status == status, $"task {id} to be {status}");
        return task!;
    }

    private List<OrchestratorTaskRecord> Published()
    {
        lock (_published)
        {
            return [.. _published];
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Waited 10 s for {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>A started worker, stopped as the host stops it.</summary>
    private sealed class WorkerHandle(OrchestratorTaskWorker worker) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
        }
    }
}
