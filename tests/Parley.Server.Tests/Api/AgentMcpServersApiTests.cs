using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Bootstrap;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage.Agents;
using Parley.Storage.Database;

namespace Parley.Server.Tests.Api;

/// <summary>An agent's <c>mcp_servers</c> through REST: what can be refused without connecting is refused when saved, and credentials are never stored in clear.</summary>
[Collection(ServerCollection.Name)]
public sealed class AgentMcpServersApiTests(ServerFixture server)
{
    private const string Crm = """{"name": "crm", "url": "https://crm.example.com/mcp", "headers": {"Authorization": "Bearer {{secret:CRM_TOKEN}}", "X-Team": "support"}, "tools": ["find_customer"]}""";

    [Fact]
    public async Task A_server_whose_headers_refer_to_secrets_round_trips_as_written_without_any_value()
    {
        using var api = server.Api(await server.CreateKeyAsync($"mcp-{Guid.NewGuid():N}"));
        (await api.PostAsync("/v1/secrets", """{"name": "CRM_TOKEN", "value": "tok_crm_hidden", "allowed_hosts": ["crm.example.com"]}""")).AssertStatus(HttpStatusCode.Created);

        var created = (await api.PostAsync("/v1/agents", $$"""{"mcp_servers": [{{Crm}}, {"server_id": "s1", "credential_id": "c1"}]}""")).AssertStatus(HttpStatusCode.Created);

        var servers = created.Body.GetProperty("mcp_servers");
        Assert.Equal("Bearer {{secret:CRM_TOKEN}}", servers[0].GetProperty("headers").GetProperty("Authorization").GetString());
        Assert.Equal("support", servers[0].GetProperty("headers").GetProperty("X-Team").GetString());
        Assert.Equal("s1", servers[1].GetProperty("server_id").GetString()); // Datagrid's form is kept as given
        var retrieved = (await api.GetAsync($"/v1/agents/{created.Id}")).AssertStatus(HttpStatusCode.OK).Body;
        Assert.Equal(servers.GetRawText(), retrieved.GetProperty("mcp_servers").GetRawText());
        Assert.DoesNotContain("tok_crm_hidden", created.Body.GetRawText() + retrieved.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"url": "ftp://files.example.com/mcp"}""", "mcp_servers[0].url' must be an absolute http or https URL")]
    [InlineData("""{"url": "/relative/mcp"}""", "mcp_servers[0].url' must be an absolute http or https URL")]
    [InlineData("""{"url": "https://user:pass@crm.example.com/mcp"}""", "mcp_servers[0].url' may not hold credentials")]
    [InlineData("""{"url": "http://127.0.0.1:8080/mcp"}""", "mcp_servers[0].url' points at 127.0.0.1, a loopback (127.0.0.0/8) address")]
    [InlineData("""{"url": "http://[::1]/mcp"}""", "loopback")]
    [InlineData("""{"url": "http://2130706433/mcp"}""", "loopback")]
    [InlineData("""{"url": "http://localhost:3000/mcp"}""", "mcp_servers[0].url' points at localhost, a loopback address")]
    [InlineData("""{"url": "http://metadata.localhost/mcp"}""", "loopback")]
    [InlineData("""{"url": "http://169.254.169.254/latest/meta-data/"}""", "link-local")]
    [InlineData("""{"url": "http://10.1.2.3/mcp"}""", "private")]
    [InlineData("""{"url": "http://192.168.1.1/mcp"}""", "private")]
    [InlineData("""{"url": "https://crm.example.com/mcp", "headers": {"Authorization": "Bearer sk-live-123"}}""", "mcp_servers[0].headers.Authorization' holds a credential in clear")]
    [InlineData("""{"url": "https://crm.example.com/mcp", "headers": {"X-Api-Key": "k-123"}}""", "mcp_servers[0].headers.X-Api-Key' holds a credential in clear")]
    [InlineData("""{"url": "https://crm.example.com/mcp", "headers": {"X-Auth-Token": "t"}}""", "POST /v1/secrets")]
    [InlineData("""{"url": "https://crm.example.com/mcp", "headers": {"Cookie": "session=abc"}}""", "in clear")]
    [InlineData("""{"url": "https://crm.example.com/mcp", "headers": {"Host": "evil.example"}}""", "mcp_servers[0].headers.Host'")]
    [InlineData("""{"url": "https://crm.example.com/mcp", "headers": {"X-A": "line\nbreak"}}""", "one line")]
    [InlineData("""{"url": "https://crm.example.com/mcp", "headers": {"Authorization": "Bearer {{secret:open"}}""", "refers to a secret badly")]
    public async Task A_server_parley_would_never_call_or_a_credential_in_clear_is_unprocessable_naming_the_field(string entry, string mentioned)
    {
        var answer = await RefusedAsync($$"""{"mcp_servers": [{{entry}}]}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity");

        Assert.Contains(mentioned, answer.String("message"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"mcp_servers": {}}""")]
    [InlineData("""{"mcp_servers": ["https://crm.example.com/mcp"]}""")]
    [InlineData("""{"mcp_servers": [{"url": 42}]}""")]
    [InlineData("""{"mcp_servers": [{"url": "https://crm.example.com/mcp", "headers": ["Authorization: x"]}]}""")]
    [InlineData("""{"mcp_servers": [{"url": "https://crm.example.com/mcp", "headers": {"X-A": 1}}]}""")]
    public async Task A_field_of_the_wrong_type_is_a_bad_request(string json)
        => await RefusedAsync(json, HttpStatusCode.BadRequest, "bad_request");

    [Fact]
    public async Task Too_many_servers_are_unprocessable()
    {
        var entries = string.Join(", ", Enumerable.Range(0, 17).Select(i => $$"""{"name": "s{{i}}", "url": "https://mcp{{i}}.example.com/mcp"}"""));

        await RefusedAsync($$"""{"mcp_servers": [{{entries}}]}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
    }

    [Fact]
    public async Task A_refused_update_leaves_the_servers_as_they_were_and_other_fields_do_not_recheck_them()
    {
        var teamspace = $"mcp-{Guid.NewGuid():N}";
        using var api = server.Api(await server.CreateKeyAsync(teamspace));
        var id = (await api.PostAsync("/v1/agents", $$"""{"mcp_servers": [{{Crm}}]}""")).AssertStatus(HttpStatusCode.Created).Id;

        (await api.PatchAsync($"/v1/agents/{id}", """{"mcp_servers": [{"url": "http://localhost:8080/mcp"}]}"""))
            .AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
        var agent = (await api.GetAsync($"/v1/agents/{id}")).AssertStatus(HttpStatusCode.OK).Body;
        Assert.Equal("https://crm.example.com/mcp", Assert.Single(agent.GetProperty("mcp_servers").EnumerateArray()).GetProperty("url").GetString());

        var renamed = (await api.PatchAsync($"/v1/agents/{id}", """{"name": "Renamed"}""")).AssertStatus(HttpStatusCode.OK).Body;
        Assert.Equal(agent.GetProperty("mcp_servers").GetRawText(), renamed.GetProperty("mcp_servers").GetRawText());
    }

    [Fact]
    public async Task Credentials_stored_in_clear_before_the_upgrade_are_moved_into_secrets_bound_to_their_hosts_at_start()
    {
        var teamspace = $"mcp-legacy-{Guid.NewGuid():N}";
        using var api = server.Api(await server.CreateKeyAsync(teamspace));
        var legacy = new AgentSpec
        {
            McpServers =
            [
                JsonSerializer.SerializeToElement(new
                {
                    name = "crm", url = "https://crm.example.com/mcp",
                    headers = new Dictionary<string, string> { ["Authorization"] = "Bearer tok-legacy-mcp", ["X-Team"] = "support" },
                }),
                JsonSerializer.SerializeToElement(new { server_id = "s1" }),
            ],
            Webhooks =
            [
                new AgentWebhook
                {
                    Name = "tickets", Method = "POST", Url = "https://tickets.example.com:8443/t/{id}",
                    Headers = new Dictionary<string, string> { ["X-Api-Key"] = "tok-legacy-hook" },
                },
            ],
        };
        var stored = await server.Services.GetRequiredService<AgentStore>().CreateAsync(teamspace, "Legacy", legacy);

        // What a restart runs before the server listens.
        await server.Services.GetRequiredService<Bootstrapper>().RunAsync();

        var agent = (await api.GetAsync($"/v1/agents/{stored.Id}")).AssertStatus(HttpStatusCode.OK).Body;
        var text = agent.GetRawText();
        Assert.DoesNotContain("tok-legacy", text, StringComparison.Ordinal);
        var mcpHeaders = agent.GetProperty("mcp_servers")[0].GetProperty("headers");
        Assert.Equal($"{{{{secret:Authorization of MCP server crm of agent {stored.Id}}}}}", mcpHeaders.GetProperty("Authorization").GetString());
        Assert.Equal("support", mcpHeaders.GetProperty("X-Team").GetString());
        Assert.Equal($"{{{{secret:X-Api-Key of webhook tickets of agent {stored.Id}}}}}", agent.GetProperty("webhooks")[0].GetProperty("headers").GetProperty("X-Api-Key").GetString());

        var secrets = await api.ListAllAsync("/v1/secrets", limit: 10);
        Assert.Equal(
            ["crm.example.com", "tickets.example.com"],
            secrets.Select(s => Assert.Single(s.GetProperty("allowed_hosts").EnumerateArray()).GetString()).Order(StringComparer.Ordinal));
        await using var connection = await server.Services.GetRequiredService<ParleyDatabase>().OpenAsync();
        var json = await connection.QuerySingleAsync<string>("SELECT spec_json FROM agents WHERE id = @Id;", new { stored.Id });
        Assert.DoesNotContain("tok-legacy", json, StringComparison.Ordinal);
    }

    private async Task<ApiAnswer> RefusedAsync(string json, HttpStatusCode status, string error)
    {
        using var api = server.Api(await server.CreateKeyAsync($"mcp-{Guid.NewGuid():N}"));
        var answer = (await api.PostAsync("/v1/agents", json)).AssertError(status, error);
        Assert.DoesNotContain(await api.ListAllAsync("/v1/agents", 50), a => !a.GetProperty("is_default").GetBoolean());
        return answer;
    }
}
