using System.Net;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Orchestration;

/// <summary>
/// Orchestrator voice sessions against the real server and engines: the voice agent (embedded) hands tasks to agents
/// answered by a language model on loopback, goes on talking, and says the outcome at a turn boundary or at the
/// conversation's next session; tasks are cancelled by voice and through the API; a failing agent's task fails.
/// </summary>
public sealed class OrchestratorVoiceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Delegated = "I've asked Researcher to do that.";
    private const string Finished = "Researcher has finished the task.";

    private DelegateModelServer _model = null!;
    private ConfiguredServerFixture _server = null!;

    public async Task InitializeAsync()
    {
        _model = await DelegateModelServer.StartAsync();
        _server = await ConfiguredServerFixture.StartAsync(_model.ProviderSettings);
        using var api = _server.Api();
        (await api.PostAsync("/v1/agents", """{"name": "Researcher", "description": "Looks things up", "llm_model": "local/researcher"}""")).AssertStatus(HttpStatusCode.Created);
        (await api.PostAsync("/v1/agents", """{"name": "Analyst", "description": "Checks figures", "llm_model": "local/broken"}""")).AssertStatus(HttpStatusCode.Created);
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncDisposable)_server).DisposeAsync();
        await _model.DisposeAsync();
    }

    [Fact]
    public async Task A_spoken_session_delegates_a_task_talks_on_and_hears_the_result_at_a_turn_boundary()
    {
        await using var client = await VoiceTestClient.ConnectAsync(_server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        var started = (StartedMessage)(await client.WaitForAsync<StartedMessage>()).Message;
        await client.WaitForAsync<ReadyMessage>();

        // The verb not first: the session's recogniser loses a first word now and then ("ask the researcher" heard as "this
        // was a researcher", "tell" as "til"), and "please" is a word it may lose.
        await SayAsync(client, "please get the researcher to find the opening hours");
        await WaitForAgentLineAsync(client, Delegated);
        await _model.WaitForRequestsAsync(1);
        await client.WaitForAgentToFinishAsync();

        // The user goes on talking while the researcher works; the task finishes while the agent answers.
        var asking = SayAsync(client, "what time is it", silenceAfter: TimeSpan.FromSeconds(9));
        var timeAnswer = await client.WaitForAsync(m => m is TranscriptMessage { Payload: { Role: Roles.Agent, Text: var t } } && t.StartsWith("It's", StringComparison.Ordinal), what: "the time");
        _model.Release();
        await WaitForAgentLineAsync(client, Finished);
        await WaitForAgentLineAsync(client, DelegateModelServer.Answer);
        await asking;
        await client.WaitForAgentToFinishAsync(); // a stop before the announcement has played would cut it short
        await client.SendAsync(StopMessage.Instance);
        var ended = (EndedMessage)(await client.WaitForAsync<EndedMessage>()).Message;
        output.WriteLine(WireTimeline.Describe(client.All));

        var frames = client.All.ToList();
        var order = new[]
        {
            frames.FindIndex(f => f.Message is TranscriptMessage { Payload: { Role: Roles.User, Text: var t } } && t.EndsWith("get the researcher to find the opening hours", StringComparison.Ordinal)),
            frames.FindIndex(f => f.Message is ToolCallMessage { Payload: { ToolName: "delegate_task", Status: ToolCallStatuses.Completed } }),
            frames.FindIndex(f => IsAgentLine(f, Delegated)),
            frames.FindIndex(f => f.Message is TranscriptMessage { Payload: { Role: Roles.User, Text: "what time is it" } }),
            frames.IndexOf(timeAnswer),
            frames.FindIndex(f => IsAgentLine(f, Finished)),
        };
        Assert.True(order.All(i => i >= 0) && order.SequenceEqual(order.Order()), $"frames out of order: {string.Join(", ", order)}");
        Assert.DoesNotContain(frames.Skip(order[4]), f => f.Message is InterruptedMessage); // said after the answer, not over it, and heard whole
        Assert.Contains(ended.Payload.Transcript, line => line.Role == Roles.Agent && line.Text == $"{Finished} {DelegateModelServer.Answer}");

        using var api = _server.Api();
        var listed = (await api.GetAsync($"/v1/voice-orchestrator/tasks?conversation_id={started.Payload.ConversationId}")).AssertStatus(HttpStatusCode.OK);
        var task = Assert.Single(listed.Body.GetProperty("data").EnumerateArray());
        Assert.Equal(("completed", "find the opening hours"), (task.GetProperty("status").GetString(), task.GetProperty("task").GetString()));
        Assert.False(task.TryGetProperty("result", out _), "lists leave results out");
        var retrieved = (await api.GetAsync($"/v1/voice-orchestrator/tasks/{task.GetProperty("task_id").GetString()}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(DelegateModelServer.Answer, retrieved.String("result"));
    }

    [Fact]
    public async Task A_task_finished_after_its_session_ended_opens_the_next_session_of_the_conversation_once()
    {
        string conversation;
        await using (var first = await StartAsync(silent: true))
        {
            conversation = first.ConversationId;
            var requests = _model.Started;
            await first.Client.SendAsync(new TextMessage(new TextPayload { Text = "ask the researcher to find the opening hours" }));
            await WaitForAgentLineAsync(first.Client, Delegated);
            await _model.WaitForRequestsAsync(requests + 1);
            await first.Client.SendAsync(StopMessage.Instance);
            await first.Client.WaitForAsync<EndedMessage>();
        }

        _model.Release();
        var task = await WaitForTaskAsync(conversation, "completed");
        Assert.Equal(DelegateModelServer.Answer, task.GetProperty("result").GetString());

        await using (var next = await StartAsync(silent: false, conversation))
        {
            await WaitForAgentLineAsync(next.Client, DelegateModelServer.Answer);
            var said = AgentLines(next.Client);
            Assert.Equal(["Welcome back.", Finished, DelegateModelServer.Answer], said.Take(3));
            await next.Client.WaitForAgentToFinishAsync();
            await next.Client.SendAsync(StopMessage.Instance);
            await next.Client.WaitForAsync<EndedMessage>();
        }

        await using var third = await StartAsync(silent: false, conversation);
        await third.Client.WaitForAgentToFinishAsync();
        Assert.DoesNotContain(AgentLines(third.Client), line => line.Contains("Researcher", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_running_task_is_cancelled_by_voice_its_agent_stops_and_nothing_is_announced()
    {
        await using var session = await StartAsync(silent: true);
        var requests = _model.Started;
        await session.Client.SendAsync(new TextMessage(new TextPayload { Text = "ask the researcher to find the opening hours" }));
        await WaitForAgentLineAsync(session.Client, Delegated);
        await _model.WaitForRequestsAsync(requests + 1);
        await session.Client.WaitForAgentToFinishAsync();
        var abandoned = _model.Abandoned;

        await SayAsync(session.Client, "never mind please cancel that task");
        await WaitForAgentLineAsync(session.Client, "Okay, I've cancelled the task I gave Researcher.");

        var task = await WaitForTaskAsync(session.ConversationId, "cancelled");
        Assert.True(task.TryGetProperty("completed_at", out _));
        await WaitUntilAsync(() => _model.Abandoned == abandoned + 1, "the researcher's request to be abandoned");
        await session.Client.WaitForAgentToFinishAsync();
        await Task.Delay(1500);
        Assert.DoesNotContain(AgentLines(session.Client), line => line == Finished);
    }

    [Fact]
    public async Task A_running_task_is_cancelled_through_the_API_only_by_its_teamspace()
    {
        await using var session = await StartAsync(silent: true);
        var requests = _model.Started;
        await session.Client.SendAsync(new TextMessage(new TextPayload { Text = "ask the researcher to find the opening hours" }));
        await WaitForAgentLineAsync(session.Client, Delegated);
        await _model.WaitForRequestsAsync(requests + 1);
        var id = (await WaitForTaskAsync(session.ConversationId, "running")).GetProperty("task_id").GetString();

        using var stranger = _server.Api(await _server.CreateKeyAsync($"stranger-{Guid.NewGuid():N}"));
        (await stranger.PostAsync($"/v1/voice-orchestrator/tasks/{id}/cancel")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await stranger.GetAsync($"/v1/voice-orchestrator/tasks/{id}")).AssertError(HttpStatusCode.NotFound, "not_found");

        using var api = _server.Api();
        var cancelled = (await api.PostAsync($"/v1/voice-orchestrator/tasks/{id}/cancel")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.String("status"));
        (await api.PostAsync($"/v1/voice-orchestrator/tasks/{id}/cancel")).AssertError(HttpStatusCode.Conflict, "conflict");
        await WaitUntilAsync(() => _model.Abandoned >= 1, "the researcher's request to be abandoned");

        await session.Client.SendAsync(new TextMessage(new TextPayload { Text = "is my task done" }));
        await WaitForAgentLineAsync(session.Client, "The task for Researcher was cancelled.");
        Assert.DoesNotContain(AgentLines(session.Client), line => line == Finished);
    }

    [Fact]
    public async Task A_task_whose_agent_fails_fails_with_the_reason_and_the_user_is_told()
    {
        await using var session = await StartAsync(silent: true);
        await session.Client.SendAsync(new TextMessage(new TextPayload { Text = "ask the analyst to check the sales figures" }));
        await WaitForAgentLineAsync(session.Client, "I've asked Analyst to do that.");

        await WaitForAgentLineAsync(session.Client, "Sorry, Analyst couldn't finish the task: check the sales figures.");
        var task = await WaitForTaskAsync(session.ConversationId, "failed");
        using var api = _server.Api();
        var failed = (await api.GetAsync($"/v1/voice-orchestrator/tasks/{task.GetProperty("task_id").GetString()}")).AssertStatus(HttpStatusCode.OK);
        Assert.StartsWith("Analyst's language model failed:", failed.String("error_message"), StringComparison.Ordinal);
        Assert.False(failed.Body.TryGetProperty("result", out _));
    }

    private async Task<LiveSession> StartAsync(bool silent, string? conversation = null)
    {
        var client = await VoiceTestClient.ConnectAsync(_server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { ConversationId = conversation, VoiceConfig = new VoiceConfig { SilentStart = silent } }));
        var started = (StartedMessage)(await client.WaitForAsync<StartedMessage>()).Message;
        await client.WaitForAsync<ReadyMessage>();
        return new LiveSession(client, started.Payload.ConversationId);
    }

    private static async Task SayAsync(VoiceTestClient client, string words, TimeSpan? silenceAfter = null)
    {
        // A pause before the words, as a speaker leaves: the recogniser hears a clip's first word poorly without one.
        await client.StreamAsync([.. TestSpeech.Silence(TimeSpan.FromMilliseconds(400)), .. TestSpeech.Say(words)]);
        await client.StreamAsync(TestSpeech.Silence(silenceAfter ?? TimeSpan.FromSeconds(2)));
    }

    // Transcript frames come a sentence (or a clause) at a time: a line is looked for in all the agent said.
    private static Task WaitForAgentLineAsync(VoiceTestClient client, string line)
        => WaitUntilAsync(
            () => Task.FromResult(string.Join(' ', AgentLines(client)).Contains(line, StringComparison.Ordinal)),
            () => $"the agent to say \"{line}\"; the session went:\n{WireTimeline.Describe(client.All)}");

    private static List<string> AgentLines(VoiceTestClient client)
        => [.. client.All.Select(f => f.Message).OfType<TranscriptMessage>().Where(t => t.Payload.Role == Roles.Agent).Select(t => t.Payload.Text)];

    private static bool IsAgentLine(ReceivedFrame frame, string line) => frame.Message is TranscriptMessage { Payload: { Role: Roles.Agent } t } && t.Text == line;

    private async Task<System.Text.Json.JsonElement> WaitForTaskAsync(string conversation, string status)
    {
        using var api = _server.Api();
        System.Text.Json.JsonElement found = default;
        await WaitUntilAsync(
            async () =>
            {
                var listed = (await api.GetAsync($"/v1/voice-orchestrator/tasks?conversation_id={conversation}&status={status}")).AssertStatus(HttpStatusCode.OK);
                var data = listed.Body.GetProperty("data");
                if (data.GetArrayLength() == 0)
                {
                    return false;
                }

                var id = data[0].GetProperty("task_id").GetString();
                found = (await api.GetAsync($"/v1/voice-orchestrator/tasks/{id}")).AssertStatus(HttpStatusCode.OK).Body;
                return true;
            },
            $"a {status} task in conversation {conversation}");
        return found;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), () => what);

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) => WaitUntilAsync(condition, () => what);

    // What was awaited is described when the wait fails, so it can tell what had happened by then.
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited 20 s for {what()}.");
            await Task.Delay(50);
        }
    }

    private sealed record LiveSession(VoiceTestClient Client, string ConversationId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Client.DisposeAsync();
    }
}
