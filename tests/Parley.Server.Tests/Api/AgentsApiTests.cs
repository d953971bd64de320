using System.Net;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

[Collection(ServerCollection.Name)]
public sealed class AgentsApiTests(ServerFixture server)
{
    [Fact]
    public async Task An_agent_is_created_retrieved_updated_and_deleted_with_the_sdk_shape()
    {
        using var api = server.Api();
        var created = (await api.PostAsync("/v1/agents", """
            {"name": "Concierge", "description": "Helps guests", "emoji": "🛎️", "system_prompt": "Be brief.", "custom_prompt": "Use first names.",
             "planning_prompt": "Plan.", "llm_model": "gpt-4o", "agent_model": "magpie-2.0", "temperature": 0.3, "voice_preset": "kal",
             "tools": ["calculator", {"name": "get_current_time", "connection_id": "c1"}],
             "corpus": [{"type": "knowledge", "knowledge_id": "k-x"}], "mcp_servers": [{"server_id": "s1", "credential_id": null}]}
            """)).AssertStatus(HttpStatusCode.Created);
        var body = created.Body;
        Assert.Equal("agent", body.GetProperty("object").GetString());
        Assert.Equal("Concierge", body.GetProperty("name").GetString());
        Assert.Equal("🛎️", body.GetProperty("emoji").GetString());
        Assert.Equal("magpie-2.0", body.GetProperty("agent_model").GetString());
        Assert.Equal(0.3, body.GetProperty("temperature").GetDouble());
        Assert.Equal(["calculator", "get_current_time"], body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("c1", body.GetProperty("tools")[1].GetProperty("connection_id").GetString());
        Assert.Equal("k-x", body.GetProperty("corpus")[0].GetProperty("knowledge_id").GetString());
        Assert.Equal("s1", body.GetProperty("mcp_servers")[0].GetProperty("server_id").GetString());
        Assert.True(DateTimeOffset.TryParse(body.GetProperty("created_at").GetString(), out _));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("knowledge_ids").ValueKind); // present, null

        var id = created.Id;
        Assert.Equal("Concierge", (await api.GetAsync($"/v1/agents/{id}")).AssertStatus(HttpStatusCode.OK).String("name"));

        var updated = (await api.PatchAsync($"/v1/agents/{id}", """{"name": "Front desk", "description": null}""")).AssertStatus(HttpStatusCode.OK).Body;
        Assert.Equal("Front desk", updated.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("description").ValueKind);
        Assert.Equal("Be brief.", updated.GetProperty("system_prompt").GetString()); // absent fields stay

        (await api.DeleteAsync($"/v1/agents/{id}")).AssertStatus(HttpStatusCode.NoContent);
        (await api.GetAsync($"/v1/agents/{id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await api.DeleteAsync($"/v1/agents/{id}")).AssertError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_list_pages_newest_first_across_pages_forward_and_back_and_holds_the_default_agent()
    {
        var key = await server.CreateKeyAsync($"paging-{Guid.NewGuid():N}");
        using var api = server.Api(key);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await api.PostAsync("/v1/agents", $$"""{"name": "agent {{i}}"}""")).AssertStatus(HttpStatusCode.Created).Id);
        }

        var all = await api.ListAllAsync("/v1/agents", limit: 2);
        Assert.Equal(6, all.Count); // five and the default
        Assert.Single(all, a => a.GetProperty("is_default").GetBoolean());
        Assert.Equal(Enumerable.Reverse(ids), all.Where(a => !a.GetProperty("is_default").GetBoolean()).Select(a => a.GetProperty("id").GetString()));

        var first = (await api.GetAsync("/v1/agents?limit=2")).Body;
        Assert.True(first.GetProperty("has_more").GetBoolean());
        var back = (await api.GetAsync($"/v1/agents?limit=2&before={ids[2]}")).Body.GetProperty("data").EnumerateArray().Select(a => a.GetProperty("id").GetString());
        Assert.Equal([ids[4], ids[3]], back);

        var found = (await api.GetAsync("/v1/agents?search=AGENT 3")).Body.GetProperty("data");
        Assert.Equal(ids[3], Assert.Single(found.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Another_teamspace_neither_sees_nor_touches_an_agent_and_gets_404_not_403()
    {
        using var owner = server.Api();
        var id = (await owner.PostAsync("/v1/agents", """{"name": "Private"}""")).Id;
        using var stranger = server.Api(await server.CreateKeyAsync($"other-{Guid.NewGuid():N}"));
        (await stranger.GetAsync($"/v1/agents/{id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await stranger.PatchAsync($"/v1/agents/{id}", """{"name": "Mine"}""")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await stranger.DeleteAsync($"/v1/agents/{id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain(await stranger.ListAllAsync("/v1/agents", 50), a => a.GetProperty("id").GetString() == id);
        Assert.Equal("Private", (await owner.GetAsync($"/v1/agents/{id}")).String("name"));
    }

    [Theory]
    [InlineData("""{"name": 42}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{"tools": "calculator"}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{"name": "x",""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""[1, 2]""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{"tools": ["teleport"]}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("""{"temperature": 7}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("""{"voice_preset": "nebula"}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("""{"name": null}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("""{"knowledge_ids": ["no-such-knowledge"]}""", HttpStatusCode.NotFound, "not_found")]
    public async Task Bad_bodies_get_the_right_status_and_error_body(string json, HttpStatusCode status, string error)
    {
        using var api = server.Api();
        (await api.PostAsync("/v1/agents", json)).AssertError(status, error);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        using var api = server.Api();
        var huge = $$"""{"name": "big", "description": "{{new string('x', 1_200_000)}}"}""";
        (await api.PostAsync("/v1/agents", huge)).AssertError(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task Without_a_valid_key_every_call_is_401_with_the_error_body()
    {
        using (var anonymous = server.Api(apiKey: null))
        {
            (await anonymous.GetAsync("/v1/agents")).AssertError(HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var wrong = server.Api("pk_wrong");
        (await wrong.GetAsync("/v1/agents")).AssertError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_datagrid_teamspace_header_of_the_sdks_is_accepted_and_unknown_routes_get_the_error_body()
    {
        using var api = server.Api();
        api.Headers.Add("Datagrid-Teamspace", "whatever");
        (await api.GetAsync("/v1/agents")).AssertStatus(HttpStatusCode.OK);
        (await api.GetAsync("/v1/no-such-thing")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await api.SendAsync(HttpMethod.Put, "/v1/agents", "{}")).AssertError(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task Responses_carry_the_rate_limit_headers()
    {
        using var api = server.Api();
        var answer = (await api.GetAsync("/v1/tools")).AssertStatus(HttpStatusCode.OK);
        Assert.True(int.Parse(answer.Headers["X-RateLimit-Limit"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(int.Parse(answer.Headers["X-RateLimit-Remaining"], System.Globalization.CultureInfo.InvariantCulture) >= 0);
        var reset = long.Parse(answer.Headers["X-RateLimit-Reset"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(reset, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeSeconds());
    }
}
