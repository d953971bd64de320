using Microsoft.Extensions.Logging.Abstractions;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Sessions.Orchestration;
using Parley.Sessions.Tests.Core;
using Parley.Sessions.Tests.Timelines;
using Parley.Storage.Orchestration;

namespace Parley.Sessions.Tests.Orchestration;

/// <summary>A finished task is said at the next natural turn boundary: never over the agent's reply or the user, and the idle prompt waits for it.</summary>
public sealed class TaskAnnouncementTests(TimelineStorage storage) : IClassFixture<TimelineStorage>
{
    // Agent lines go out a sentence at a time, as each begins to play.
    private const string Announcement = "Maths has finished the task.";

    private readonly TaskOrchestrator _orchestrator = new(
        storage.Tasks, storage.Agents, new TaskWorkBoard(), new TaskNotifications(), new OrchestratorOptions(), NullLogger<TaskOrchestrator>.Instance);

    [Fact]
    public async Task A_task_finishing_while_the_agent_speaks_is_said_once_its_reply_is_over()
    {
        var conversation = await NewConversationAsync();
        await using var session = new SessionHarness(storage, orchestrator: _orchestrator);
        await session.StartAsync(Silent(conversation));
        session.Send(new TextMessage(new TextPayload { Text = "tell me something" }));
        await session.WaitForAsync(m => m is AudioMessage, "the reply's audio");

        _orchestrator.Notifications.Publish(Completed(conversation));
        await session.WaitForAsync(IsAnnouncement, "the announcement");

        var frames = session.Frames.ToList();
        var announced = frames.FindIndex(IsAnnouncement);
        Assert.True(frames.FindLastIndex(m => IsAgentLine(m, "r1")) < announced, "the announcement began before the reply was over");
        Assert.DoesNotContain(frames, m => m is InterruptedMessage);
        Assert.Single(frames, IsAnnouncement);
    }

    [Fact]
    public async Task A_task_finishing_while_the_user_speaks_waits_until_their_turn_is_answered()
    {
        var conversation = await NewConversationAsync();
        await using var session = new SessionHarness(storage, heard: ["what about tomorrow"], orchestrator: _orchestrator);
        await session.StartAsync(Silent(conversation));
        session.Send(new TextMessage(new TextPayload { Text = "hello" })); // the first turn lets outcomes be said
        await session.WaitForAsync(m => IsAgentLine(m, "r1"), "the first answer");
        await session.SpeakAsync(8, loud: false);

        await session.SpeakAsync(3);
        _orchestrator.Notifications.Publish(Completed(conversation));
        await session.SpeakAsync(3);
        await session.SpeakAsync(4, loud: false);

        await session.WaitForAsync(IsAnnouncement, "the announcement");
        var frames = session.Frames.ToList();
        var userTurn = frames.FindIndex(m => m is TranscriptMessage { Payload: { Role: Roles.User, Text: "what about tomorrow" } });
        var answer = frames.FindLastIndex(m => IsAgentLine(m, "r2"));
        var announced = frames.FindIndex(IsAnnouncement);
        Assert.True(userTurn >= 0 && answer > userTurn, "the user's turn was not answered");
        Assert.True(announced > answer, "the announcement came before the answer to the user's turn");
    }

    [Fact]
    public async Task The_idle_prompt_waits_while_a_task_works_and_comes_once_its_outcome_is_said()
    {
        var conversation = await NewConversationAsync();
        var task = await QueueAsync(conversation);
        var options = SessionHarness.Defaults with { IdlePromptAfter = TimeSpan.FromSeconds(1) };
        await using var session = new SessionHarness(storage, options: options, orchestrator: _orchestrator);
        await session.StartAsync(new StartPayload { ConversationId = conversation });
        await session.WaitForAsync(m => IsAgentLine(m, "r1"), "the greeting");
        await session.SpeakAsync(20, loud: false); // 5 s of silence with a task at work

        Assert.DoesNotContain(session.Frames, IsIdlePrompt);

        _orchestrator.Notifications.Publish(Completed(conversation) with { Id = task.Id });
        await session.WaitForAsync(IsAnnouncement, "the announcement");
        await session.WaitForAsync(IsIdlePrompt, "the idle prompt, once the outcome was said");
    }

    [Fact]
    public async Task A_session_opens_with_what_its_conversation_has_not_heard_instead_of_a_greeting()
    {
        var conversation = await NewConversationAsync();
        var task = await QueueAsync(conversation);
        await storage.SetTaskAsync(task.Id, OrchestratorTaskStatuses.Completed, "Twelve times seven is eighty-four.");
        await using var session = new SessionHarness(storage, orchestrator: _orchestrator);
        await session.StartAsync(new StartPayload { ConversationId = conversation });

        await session.WaitForAsync(m => m is TranscriptMessage { Payload.Text: "Twelve times seven is eighty-four." }, "the opening");

        var said = session.Frames.OfType<TranscriptMessage>().Where(m => m.Payload.Role == Roles.Agent).Select(m => m.Payload.Text).ToList();
        Assert.Equal(["Welcome back.", Announcement, "Twelve times seven is eighty-four."], said);
    }

    [Fact]
    public async Task A_cancelled_task_is_not_announced()
    {
        var conversation = await NewConversationAsync();
        await using var session = new SessionHarness(storage, orchestrator: _orchestrator);
        await session.StartAsync(Silent(conversation));
        session.Send(new TextMessage(new TextPayload { Text = "hello" }));
        await session.WaitForAsync(m => IsAgentLine(m, "r1"), "the answer");

        _orchestrator.Notifications.Publish(Completed(conversation) with { Status = OrchestratorTaskStatuses.Cancelled });
        await session.SpeakAsync(12, loud: false);

        Assert.DoesNotContain(session.Frames, m => m is TranscriptMessage { Payload: { Role: Roles.Agent, Text: var text } } && text.Contains("Maths", StringComparison.Ordinal));
    }

    private async Task<string> NewConversationAsync() => (await storage.Conversations.CreateAsync(storage.TeamspaceId, "tasks", [])).Id;

    private async Task<OrchestratorTaskRecord> QueueAsync(string conversation)
        => (await storage.Tasks.CreateAsync(
            new NewOrchestratorTask(storage.TeamspaceId, conversation, null, "agent-maths", "Maths", "what is twelve times seven"),
            TimeSpan.FromHours(1), 100, 1000)).Task!;

    private static StartPayload Silent(string conversation) => new() { ConversationId = conversation, VoiceConfig = new VoiceConfig { SilentStart = true } };

    private OrchestratorTaskRecord Completed(string conversation) => new()
    {
        Id = Storage.Ids.New(),
        TeamspaceId = storage.TeamspaceId,
        ConversationId = conversation,
        AgentId = "agent-maths",
        AgentName = "Maths",
        Task = "what is twelve times seven",
        Status = OrchestratorTaskStatuses.Completed,
        Result = "Twelve times seven is eighty-four.",
    };

    private static bool IsAnnouncement(VoiceMessage message)
        => message is TranscriptMessage { Payload: { Role: Roles.Agent, Text: Announcement } };

    private static bool IsIdlePrompt(VoiceMessage message) => message is TranscriptMessage { Payload: { Role: Roles.Agent, Text: "Are you still there?" } };

    private static bool IsAgentLine(VoiceMessage message, string reply)
        => message is TranscriptMessage { Payload: { Role: Roles.Agent, Text: var text } } && text.Contains($" {reply} ", StringComparison.Ordinal) || message is TranscriptMessage { Payload: { Role: Roles.Agent, Text: var start } } && start.StartsWith($"Answer {reply} ", StringComparison.Ordinal);
}
