using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage.Agents;
using Parley.Tools;

namespace Parley.Server.Tests.Api;

[Collection(ServerCollection.Name)]
public sealed class AgentWebhooksApiTests(ServerFixture server)
{
    private const string Ticket = """
        {"name": "create_ticket", "description": "Opens a support ticket.", "method": "post",
         "url": "https://tickets.example.com/teams/{team}/tickets?source=voice",
         "parameters": {"type": "object", "properties": {"team": {"type": "string"}, "title": {"type": "string"}}, "required": ["team", "title"]},
         "headers": {"Authorization": "Bearer {{secret:TICKETS_TOKEN}}", "X-Source": "parley"},
         "timeout_ms": 5000}
        """;

    [Fact]
    public async Task Webhooks_round_trip_with_defaults_filled_and_secret_references_as_written()
    {
        using var api = server.Api(await server.CreateKeyAsync($"webhooks-{Guid.NewGuid():N}"));
        (await api.PostAsync("/v1/secrets", """{"name": "TICKETS_TOKEN", "value": "tok_hidden_value", "allowed_hosts": ["tickets.example.com"]}"""))
            .AssertStatus(HttpStatusCode.Created);

        var created = (await api.PostAsync("/v1/agents", $$"""
            {"name": "Help desk", "webhooks": [{{Ticket}}, {"name": "status", "method": "GET", "url": "https://status.example.com/"}]}
            """)).AssertStatus(HttpStatusCode.Created);

        var webhooks = created.Body.GetProperty("webhooks");
        Assert.Equal(2, webhooks.GetArrayLength());
        var ticket = webhooks[0];
        Assert.Equal("create_ticket", ticket.GetProperty("name").GetString());
        Assert.Equal("Opens a support ticket.", ticket.GetProperty("description").GetString());
        Assert.Equal("POST", ticket.GetProperty("method").GetString());
        Assert.Equal("https://tickets.example.com/teams/{team}/tickets?source=voice", ticket.GetProperty("url").GetString());
        Assert.Equal(["team", "title"], ticket.GetProperty("parameters").GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Bearer {{secret:TICKETS_TOKEN}}", ticket.GetProperty("headers").GetProperty("Authorization").GetString());
        Assert.Equal(5000, ticket.GetProperty("timeout_ms").GetInt32());
        var status = webhooks[1];
        Assert.Equal(JsonValueKind.Null, status.GetProperty("description").ValueKind);
        Assert.Equal("""{"type":"object","properties":{}}""", status.GetProperty("parameters").GetRawText());
        Assert.Empty(status.GetProperty("headers").EnumerateObject());
        Assert.Equal(10_000, status.GetProperty("timeout_ms").GetInt32());
        Assert.DoesNotContain("tok_hidden_value", created.Body.GetRawText(), StringComparison.Ordinal);

        var retrieved = (await api.GetAsync($"/v1/agents/{created.Id}")).AssertStatus(HttpStatusCode.OK).Body;
        Assert.Equal(webhooks.GetRawText(), retrieved.GetProperty("webhooks").GetRawText());

        var renamed = (await api.PatchAsync($"/v1/agents/{created.Id}", """{"name": "Desk"}""")).AssertStatus(HttpStatusCode.OK).Body;
        Assert.Equal(webhooks.GetRawText(), renamed.GetProperty("webhooks").GetRawText()); // absent: unchanged

        var replaced = (await api.PatchAsync($"/v1/agents/{created.Id}", $$"""{"webhooks": [{{Ticket}}]}""")).AssertStatus(HttpStatusCode.OK).Body;
        Assert.Equal(["create_ticket"], replaced.GetProperty("webhooks").EnumerateArray().Select(w => w.GetProperty("name").GetString()));

        var cleared = (await api.PatchAsync($"/v1/agents/{created.Id}", """{"webhooks": null}""")).AssertStatus(HttpStatusCode.OK).Body;
        Assert.Empty(cleared.GetProperty("webhooks").EnumerateArray());
    }

    [Fact]
    public async Task An_agents_webhooks_are_among_the_tools_its_sessions_get()
    {
        var teamspace = $"webhooks-{Guid.NewGuid():N}";
        using var api = server.Api(await server.CreateKeyAsync(teamspace));
        var id = (await api.PostAsync("/v1/agents", $$"""{"webhooks": [{{Ticket}}]}""")).AssertStatus(HttpStatusCode.Created).Id;
        var agent = (await server.Services.GetRequiredService<AgentStore>().FindAsync(teamspace, id))!;

        var tools = await server.Services.GetRequiredService<Toolbox>().BuildAsync(new ToolContext(teamspace, agent.Spec, [], [], new NoToolEvents()));

        var ticket = Assert.IsAssignableFrom<AIFunction>(Assert.Single(tools.Tools, t => t.Name == "create_ticket"));
        Assert.Equal("Opens a support ticket.", ticket.Description);
        Assert.Equal(["team", "title"], ticket.JsonSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task An_agent_without_webhooks_shows_an_empty_list()
    {
        using var api = server.Api();
        var agent = (await api.PostAsync("/v1/agents", """{"name": "Plain"}""")).AssertStatus(HttpStatusCode.Created).Body;

        Assert.Empty(agent.GetProperty("webhooks").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"webhooks": {}}""")]
    [InlineData("""{"webhooks": ["create_ticket"]}""")]
    [InlineData("""{"webhooks": [{"name": 1, "method": "GET", "url": "https://x.example"}]}""")]
    [InlineData("""{"webhooks": [{"name": "a", "method": ["GET"], "url": "https://x.example"}]}""")]
    [InlineData("""{"webhooks": [{"name": "a", "method": "GET", "url": 42}]}""")]
    [InlineData("""{"webhooks": [{"name": "a", "method": "GET", "url": "https://x.example", "description": 1}]}""")]
    [InlineData("""{"webhooks": [{"name": "a", "method": "GET", "url": "https://x.example", "parameters": "string"}]}""")]
    [InlineData("""{"webhooks": [{"name": "a", "method": "GET", "url": "https://x.example", "headers": ["X-A: b"]}]}""")]
    [InlineData("""{"webhooks": [{"name": "a", "method": "GET", "url": "https://x.example", "headers": {"X-A": 1}}]}""")]
    [InlineData("""{"webhooks": [{"name": "a", "method": "GET", "url": "https://x.example", "timeout_ms": "10"}]}""")]
    public async Task A_field_of_the_wrong_type_is_a_bad_request(string json)
        => await RefusedAsync(json, HttpStatusCode.BadRequest, "bad_request");

    [Theory]
    [InlineData("""{"name": "a", "method": "GET"}""", "url")]
    [InlineData("""{"method": "GET", "url": "https://x.example"}""", "name")]
    [InlineData("""{"name": "has space", "method": "GET", "url": "https://x.example"}""", "name")]
    [InlineData("""{"name": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "method": "GET", "url": "https://x.example"}""", "name")]
    [InlineData("""{"name": "calculator", "method": "GET", "url": "https://x.example"}""", "built-in")]
    [InlineData("""{"name": "a", "method": "TRACE", "url": "https://x.example"}""", "method")]
    [InlineData("""{"name": "a", "method": "GET", "url": "/relative"}""", "absolute")]
    [InlineData("""{"name": "a", "method": "GET", "url": "ftp://x.example/file"}""", "absolute")]
    [InlineData("""{"name": "a", "method": "GET", "url": "https://user:pass@x.example/"}""", "credentials")]
    [InlineData("""{"name": "a", "method": "GET", "url": "https://{host}.example/", "parameters": {"properties": {"host": {}}}}""", "path and query")]
    [InlineData("""{"name": "a", "method": "GET", "url": "https://x.example/{id}"}""", "does not declare")]
    [InlineData("""{"name": "a", "method": "GET", "url": "https://x.example/{bad id}"}""", "brace")]
    [InlineData("""{"name": "a", "method": "GET", "url": "https://x.example", "parameters": {"type": "string"}}""", "object")]
    [InlineData("""{"name": "a", "method": "GET", "url": "https://x.example", "parameters": {"type": "object", "properties": []}}""", "properties")]
    [InlineData("""{"name": "a", "method": "GET", "url": "https://x.example", "headers": {"Host": "evil.example"}}""", "Host")]
    [InlineData("""{"name": "a", "method": "GET", "url": "https://x.example", "headers": {"Bad Name": "v"}}""", "Bad Name")]
    [InlineData("""{"name": "a", "method": "GET", "url": "https://x.example", "headers": {"X-A": "line\nbreak"}}""", "one line")]
    [InlineData("""{"name": "a", "method": "GET", "url": "https://x.example", "headers": {"X-A": "{{secret:}}"}}""", "secret")]
    [InlineData("""{"name": "a", "method": "GET", "url": "https://x.example", "headers": {"X-A": "{{secret:open"}}""", "secret")]
    [InlineData("""{"name": "a", "method": "GET", "url": "http://127.0.0.1:8080/hook"}""", "loopback")]
    [InlineData("""{"name": "a", "method": "GET", "url": "http://localhost/hook"}""", "loopback")]
    [InlineData("""{"name": "a", "method": "GET", "url": "http://169.254.169.254/latest/meta-data/{p}", "parameters": {"properties": {"p": {}}}}""", "link-local")]
    [InlineData("""{"name": "a", "method": "GET", "url": "https://x.example", "headers": {"Authorization": "Bearer sk-live-123"}}""", "webhooks[0].headers.Authorization' holds a credential in clear")]
    [InlineData("""{"name": "a", "method": "GET", "url": "https://x.example", "headers": {"X-Api-Key": "k-123"}}""", "secret")]
    [InlineData("""{"name": "a", "method": "GET", "url": "https://x.example", "timeout_ms": 0}""", "timeout_ms")]
    [InlineData("""{"name": "a", "method": "GET", "url": "https://x.example", "timeout_ms": 60001}""", "timeout_ms")]
    [InlineData("""{"name": "a", "method": "GET", "url": "https://x.example", "timeout_ms": 1.5}""", "timeout_ms")]
    public async Task A_webhook_parley_cannot_call_is_unprocessable(string webhook, string mentioned)
    {
        var answer = await RefusedAsync($$"""{"webhooks": [{{webhook}}]}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity");

        Assert.Contains(mentioned, answer.String("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_webhooks_of_one_name_are_unprocessable()
    {
        const string Webhook = """{"name": "dup", "method": "GET", "url": "https://x.example"}""";

        await RefusedAsync($$"""{"webhooks": [{{Webhook}}, {{Webhook}}]}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
    }

    [Fact]
    public async Task A_refused_update_leaves_the_webhooks_as_they_were()
    {
        using var api = server.Api();
        var id = (await api.PostAsync("/v1/agents", $$"""{"webhooks": [{{Ticket}}]}""")).AssertStatus(HttpStatusCode.Created).Id;

        (await api.PatchAsync($"/v1/agents/{id}", """{"webhooks": [{"name": "a", "method": "GET", "url": "nope"}]}"""))
            .AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");

        var agent = (await api.GetAsync($"/v1/agents/{id}")).AssertStatus(HttpStatusCode.OK).Body;
        Assert.Equal("create_ticket", Assert.Single(agent.GetProperty("webhooks").EnumerateArray()).GetProperty("name").GetString());
    }

    private async Task<ApiAnswer> RefusedAsync(string json, HttpStatusCode status, string error)
    {
        using var api = server.Api(await server.CreateKeyAsync($"webhooks-{Guid.NewGuid():N}"));
        var answer = (await api.PostAsync("/v1/agents", json)).AssertError(status, error);
        Assert.DoesNotContain(await api.ListAllAsync("/v1/agents", 50), a => !a.GetProperty("is_default").GetBoolean());
        return answer;
    }
}
