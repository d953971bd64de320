using System.Net;
using System.Net.WebSockets;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

[Collection(ServerCollection.Name)]
public sealed class VoiceApiTests(ServerFixture server)
{
    [Fact]
    public async Task Post_voice_resolves_the_default_agent_and_hands_over_a_single_use_socket_url()
    {
        using var api = server.Api();
        var answer = (await api.PostAsync("/v1/voice", """{"voice_config": {"silent_start": true}, "initial_message": "what is two plus three"}""")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("voice.session", answer.String("object"));
        var url = new Uri(answer.String("url"));
        Assert.Equal("ws", url.Scheme);
        Assert.DoesNotContain(ServerFixture.ApiKey, url.Query, StringComparison.Ordinal);
        var startMessage = answer.Body.GetProperty("start_message");
        Assert.Equal("start", startMessage.GetProperty("type").GetString());
        Assert.Equal(answer.String("agent_id"), startMessage.GetProperty("payload").GetProperty("agent_id").GetString());
        Assert.Equal("orchestrator", startMessage.GetProperty("payload").GetProperty("voice_mode").GetString());

        await using (var client = await VoiceTestClient.ConnectAsync(url))
        {
            await client.SendRawAsync(startMessage.GetRawText());
            await client.WaitForAsync<ReadyMessage>();
            var reply = await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent }, what: "answer to the initial message");
            Assert.Contains("five", ((TranscriptMessage)reply.Message).Payload.Text, StringComparison.OrdinalIgnoreCase);
            await client.SendAsync(StopMessage.Instance);
            await client.WaitForAsync<EndedMessage>();
        }

        await using var again = await VoiceTestClient.ConnectAsync(url);
        Assert.Equal(ErrorCodes.Unauthorized, (await again.WaitForErrorAsync()).Code);
        Assert.Equal((WebSocketCloseStatus)1008, await again.WaitForCloseAsync());
    }

    [Fact]
    public async Task A_start_frame_may_not_change_what_the_token_was_issued_for()
    {
        using var api = server.Api();
        var answer = (await api.PostAsync("/v1/voice", "{}")).AssertStatus(HttpStatusCode.OK);
        await using var client = await VoiceTestClient.ConnectAsync(new Uri(answer.String("url")));
        await client.SendAsync(new StartMessage(new StartPayload { AgentId = "someone-else" }));
        Assert.Equal(ErrorCodes.InvalidMessage, (await client.WaitForErrorAsync()).Code);
        await client.SendRawAsync(answer.Body.GetProperty("start_message").GetRawText());
        var started = ((StartedMessage)(await client.WaitForAsync<StartedMessage>()).Message).Payload;
        Assert.NotEmpty(started.SessionId);
        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>();
    }

    [Theory]
    [InlineData("""{"agent_id": "no-such-agent"}""", HttpStatusCode.NotFound, "not_found")]
    [InlineData("""{"conversation_id": "no-such-conversation"}""", HttpStatusCode.NotFound, "not_found")]
    [InlineData("""{"file_ids": ["f-1"]}""", HttpStatusCode.NotFound, "not_found")]
    [InlineData("""{"knowledge_ids": ["no-such-knowledge"]}""", HttpStatusCode.NotFound, "not_found")]
    [InlineData("""{"voice_mode": "karaoke"}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("""{"voice_config": {"voice_preset": "nebula"}}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("""{"ephemeral": "yes"}""", HttpStatusCode.BadRequest, "bad_request")]
    public async Task Post_voice_validates_every_id_and_value(string body, HttpStatusCode status, string error)
    {
        using var api = server.Api();
        (await api.PostAsync("/v1/voice", body)).AssertError(status, error);
    }

    [Fact]
    public async Task An_initial_message_over_2000_characters_is_422()
    {
        using var api = server.Api();
        (await api.PostAsync("/v1/voice", $$"""{"initial_message": "{{new string('a', 2001)}}"}""")).AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
    }

    [Fact]
    public async Task The_tools_an_agent_can_be_given_are_listed_by_name()
    {
        using var api = server.Api();
        var tools = await api.ListAllAsync("/v1/tools", limit: 1, idField: "name");
        Assert.Contains(tools, t => t.GetProperty("name").GetString() == "calculator" && t.GetProperty("object").GetString() == "tool");
        Assert.All(tools, t => Assert.False(string.IsNullOrEmpty(t.GetProperty("label").GetString())));
        Assert.Equal("calculator", (await api.GetAsync("/v1/tools/calculator")).AssertStatus(HttpStatusCode.OK).String("name"));
        (await api.GetAsync("/v1/tools/teleport")).AssertError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_openapi_document_and_its_browser_are_served()
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var document = await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Contains("/v1/agents", document, StringComparison.Ordinal);
        Assert.Contains("/v1/voice", document, StringComparison.Ordinal);
        var page = await http.GetAsync(new Uri("/docs/index.html", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
