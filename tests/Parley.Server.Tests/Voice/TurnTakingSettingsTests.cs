using System.Net;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Voice;

/// <summary>An agent's own turn-taking settings: stored and shown through the API, and used by its sessions.</summary>
[Collection(ServerCollection.Name)]
public sealed class TurnTakingSettingsTests(ServerFixture server)
{
    [Fact]
    public async Task An_agents_settings_are_stored_shown_and_cleared()
    {
        using var api = new ApiClient(server.BaseAddress);
        var created = (await api.PostAsync("/v1/agents", """
            {"name": "Patient", "turn_taking": {"endpoint_silence_ms": 600, "endpoint_silence_incomplete_ms": 2000,
             "barge_in_min_speech_ms": 300, "barge_in_min_words": 3, "backchannels_interrupt": true,
             "idle_prompt_after_ms": 10000, "idle_prompt": "Take your time."}}
            """)).AssertStatus(HttpStatusCode.Created);
        var settings = (await api.GetAsync($"/v1/agents/{created.Id}")).AssertStatus(HttpStatusCode.OK).Body.GetProperty("turn_taking");
        Assert.Equal(600, settings.GetProperty("endpoint_silence_ms").GetInt32());
        Assert.Equal(2000, settings.GetProperty("endpoint_silence_incomplete_ms").GetInt32());
        Assert.Equal(300, settings.GetProperty("barge_in_min_speech_ms").GetInt32());
        Assert.Equal(3, settings.GetProperty("barge_in_min_words").GetInt32());
        Assert.True(settings.GetProperty("backchannels_interrupt").GetBoolean());
        Assert.Equal(10000, settings.GetProperty("idle_prompt_after_ms").GetInt32());
        Assert.Equal("Take your time.", settings.GetProperty("idle_prompt").GetString());

        var cleared = (await api.PatchAsync($"/v1/agents/{created.Id}", """{"turn_taking": null}""")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.Body.GetProperty("turn_taking").ValueKind);
    }

    [Theory]
    [InlineData("""{"turn_taking": {"endpoint_silence_ms": 50}}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"turn_taking": {"endpoint_silence_ms": 900, "endpoint_silence_incomplete_ms": 600}}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"turn_taking": {"idle_prompt_after_ms": 1000}}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"turn_taking": {"silence": 1}}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"turn_taking": {"barge_in_min_words": "two"}}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"turn_taking": 5}""", HttpStatusCode.BadRequest)]
    public async Task Settings_out_of_range_or_of_the_wrong_type_are_refused(string body, HttpStatusCode status)
    {
        using var api = new ApiClient(server.BaseAddress);
        var answer = await api.PostAsync("/v1/agents", body.Replace("{\"turn_taking\"", "{\"name\": \"Bad\", \"turn_taking\"", StringComparison.Ordinal));
        Assert.Equal(status, answer.Status);
    }

    [Fact]
    public async Task An_agent_asks_whether_the_user_is_still_there_after_its_idle_delay_and_stops_asking_after_two()
    {
        using var api = new ApiClient(server.BaseAddress);
        var agent = (await api.PostAsync("/v1/agents", """
            {"name": "Prompter", "turn_taking": {"idle_prompt_after_ms": 3000, "idle_prompt": "Are you still with me?"}}
            """)).AssertStatus(HttpStatusCode.Created);

        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { AgentId = agent.Id }));
        await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent }, what: "the greeting");
        var finished = await client.WaitForAgentToFinishAsync();

        var prompt = await client.WaitForAsync(
            m => m is TranscriptMessage { Payload.Role: Roles.Agent, Payload.Text: "Are you still with me?" }, TimeSpan.FromSeconds(10), "the idle prompt");
        Assert.InRange((prompt.At - finished).TotalSeconds, 2.5, 6);

        // A second prompt, then quiet: after two unanswered prompts the agent waits.
        await Task.Delay(TimeSpan.FromSeconds(12));
        var prompts = client.All.Count(f => f.Message is TranscriptMessage { Payload.Role: Roles.Agent, Payload.Text: "Are you still with me?" });
        Assert.Equal(2, prompts);

        await client.SendAsync(StopMessage.Instance);
        var ended = (EndedMessage)(await client.WaitForAsync<EndedMessage>()).Message;
        Assert.Equal(2, ended.Payload.Transcript.Count(t => t.Text == "Are you still with me?"));
    }
}
