using System.Text.Json;
using Microsoft.Extensions.AI;
using Parley.Storage.Agents;
using Parley.Tools.Outbound;
using Parley.Tools.Webhooks;

namespace Parley.Tools.Tests.Webhooks;

/// <summary>Webhook tools calling a real HTTP endpoint on 127.0.0.1, through the guarded client the server uses.</summary>
public sealed class WebhookToolTests(WebhookTestEndpoint endpoint) : IClassFixture<WebhookTestEndpoint>
{
    private string Allowed => $"127.0.0.1:{endpoint.BaseAddress.Port}";

    private string Url(string pathAndQuery) => new Uri(endpoint.BaseAddress, pathAndQuery).ToString();

    [Fact]
    public async Task Each_webhook_is_a_tool_with_its_name_description_and_argument_schema()
    {
        await using var harness = await WebhookHarness.StartAsync(Allowed);
        var schema = WebhookHarness.Schema("city");

        var tools = await harness.ToolsAsync(
            new AgentWebhook { Name = "get_weather", Description = "Tells the weather.", Method = "GET", Url = Url("/echo/weather"), Parameters = schema },
            new AgentWebhook { Name = "ping", Method = "POST", Url = Url("/echo/ping") });

        Assert.Equal(["get_weather", "ping"], tools.Select(t => t.Name));
        Assert.Equal("Tells the weather.", tools[0].Description);
        Assert.Equal(schema.GetRawText(), tools[0].JsonSchema.GetRawText());
        Assert.Equal("object", tools[1].JsonSchema.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_get_fills_the_url_puts_the_other_arguments_in_the_query_and_sends_the_secret_header()
    {
        await using var harness = await WebhookHarness.StartAsync(Allowed);
        await harness.Secrets.CreateAsync(harness.TeamspaceId, "CRM token", "s3cret-value");
        var webhook = new AgentWebhook
        {
            Name = "find_order",
            Method = "GET",
            Url = Url("/echo/get/orders/{order_id}?fixed=1"),
            Parameters = WebhookHarness.Schema("order_id", "q", "tag"),
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer {{secret:CRM token}}", ["X-Team"] = "support" },
        };

        var result = await harness.CallAsync(webhook, new AIFunctionArguments
        {
            ["order_id"] = JsonSerializer.SerializeToElement("A 17/b"),
            ["q"] = "late delivery",
            ["tag"] = JsonSerializer.SerializeToElement(new[] { "x", "y" }),
            ["limit"] = 5,
            ["none"] = null,
        });

        var received = Assert.Single(endpoint.Received("/echo/get/"));
        Assert.Equal("GET", received.Method);
        Assert.Equal("/echo/get/orders/A%2017%2Fb?fixed=1&q=late%20delivery&tag=x&tag=y&limit=5", received.PathAndQuery);
        Assert.Equal("Bearer s3cret-value", received.Headers["Authorization"]);
        Assert.Equal("support", received.Headers["X-Team"]);
        Assert.StartsWith("Parley", received.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Equal(200, result.GetProperty("status").GetInt32());
        Assert.Equal("GET", result.GetProperty("body").GetProperty("method").GetString()); // JSON answers stay JSON
        Assert.False(result.TryGetProperty("truncated", out _));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task A_post_put_or_patch_sends_the_arguments_not_in_the_url_as_a_json_body(string method)
    {
        await using var harness = await WebhookHarness.StartAsync(Allowed);
        var prefix = $"/echo/{method.ToLowerInvariant()}/";
        var webhook = new AgentWebhook { Name = "create_ticket", Method = method, Url = Url(prefix + "teams/{team}/tickets"), Parameters = WebhookHarness.Schema("team", "title") };

        await harness.CallAsync(webhook, new AIFunctionArguments { ["team"] = "blue", ["title"] = "Printer \"on fire\"", ["priority"] = 2, ["labels"] = new[] { "hw" } });

        var received = Assert.Single(endpoint.Received(prefix));
        Assert.Equal((method, prefix + "teams/blue/tickets"), (received.Method, received.PathAndQuery));
        Assert.StartsWith("application/json", received.Headers["Content-Type"], StringComparison.Ordinal);
        var body = received.Json;
        Assert.Equal(["title", "priority", "labels"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Printer \"on fire\"", body.GetProperty("title").GetString());
        Assert.Equal(2, body.GetProperty("priority").GetInt32());
        Assert.Equal("hw", body.GetProperty("labels")[0].GetString());
    }

    [Fact]
    public async Task A_delete_sends_its_arguments_in_the_query()
    {
        await using var harness = await WebhookHarness.StartAsync(Allowed);
        var webhook = new AgentWebhook { Name = "cancel", Method = "DELETE", Url = Url("/echo/delete/bookings/{id}"), Parameters = WebhookHarness.Schema("id") };

        await harness.CallAsync(webhook, new AIFunctionArguments { ["id"] = "b-1", ["reason"] = "ill" });

        var received = Assert.Single(endpoint.Received("/echo/delete/"));
        Assert.Equal(("DELETE", "/echo/delete/bookings/b-1?reason=ill", string.Empty), (received.Method, received.PathAndQuery, received.Body));
    }

    [Fact]
    public async Task A_missing_url_argument_or_one_that_climbs_the_path_fails_before_any_request()
    {
        await using var harness = await WebhookHarness.StartAsync(Allowed);
        var webhook = new AgentWebhook { Name = "get_item", Method = "GET", Url = Url("/echo/climb/items/{id}"), Parameters = WebhookHarness.Schema("id") };

        var missing = await Assert.ThrowsAsync<ArgumentException>(() => harness.CallAsync(webhook));
        Assert.Contains("'id'", missing.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => harness.CallAsync(webhook, new AIFunctionArguments { ["id"] = ".." }));
        Assert.Empty(endpoint.Received("/echo/climb/"));
    }

    [Fact]
    public async Task A_header_naming_a_secret_the_teamspace_lacks_fails_without_calling()
    {
        await using var harness = await WebhookHarness.StartAsync(Allowed);
        var webhook = new AgentWebhook
        {
            Name = "needs_secret",
            Method = "GET",
            Url = Url("/echo/nosecret"),
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = "{{secret:missing}}" },
        };

        var failure = await Assert.ThrowsAsync<WebhookException>(() => harness.CallAsync(webhook));

        Assert.Contains("no secret named 'missing'", failure.Message, StringComparison.Ordinal);
        Assert.Empty(endpoint.Received("/echo/nosecret"));
    }

    [Theory]
    [InlineData("crm.example.com")]
    [InlineData("127.0.0.1:1")]
    [InlineData("localhost")]
    public async Task A_secret_bound_to_other_hosts_is_not_sent_and_the_call_fails_without_its_value(string boundTo)
    {
        await using var harness = await WebhookHarness.StartAsync(Allowed);
        await harness.Secrets.CreateAsync(harness.TeamspaceId, "CRM token", "tok-bound-elsewhere", [boundTo]);
        var webhook = new AgentWebhook
        {
            Name = "exfiltrate",
            Method = "GET",
            Url = Url("/echo/exfiltrate"),
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer {{secret:CRM token}}" },
        };

        var failure = await Assert.ThrowsAsync<WebhookException>(() => harness.CallAsync(webhook));

        Assert.Contains($"The secret 'CRM token' may only be sent to {boundTo}, not to 127.0.0.1:{endpoint.BaseAddress.Port}", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-bound-elsewhere", failure.ToString(), StringComparison.Ordinal);
        Assert.Empty(endpoint.Received("/echo/exfiltrate"));
    }

    [Theory]
    [InlineData("127.0.0.1", "host")]
    [InlineData("127.0.0.1:{port}", "port")]
    public async Task A_secret_bound_to_the_webhooks_host_is_sent(string boundTo, string path)
    {
        await using var harness = await WebhookHarness.StartAsync(Allowed);
        var host = boundTo.Replace("{port}", endpoint.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        await harness.Secrets.CreateAsync(harness.TeamspaceId, "CRM token", "tok-for-this-host", [host]);
        var webhook = new AgentWebhook
        {
            Name = "bound",
            Method = "GET",
            Url = Url($"/echo/bound-{path}/{{id}}"),
            Parameters = WebhookHarness.Schema("id"),
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer {{secret:CRM token}}" },
        };

        await harness.CallAsync(webhook, new AIFunctionArguments { ["id"] = "7" });

        Assert.Equal("Bearer tok-for-this-host", Assert.Single(endpoint.Received($"/echo/bound-{path}/")).Headers["Authorization"]);
    }

    [Fact]
    public async Task An_endpoint_slower_than_the_timeout_fails_the_call()
    {
        await using var harness = await WebhookHarness.StartAsync(Allowed);
        var webhook = new AgentWebhook { Name = "slow", Method = "GET", Url = Url("/slow"), TimeoutMs = 300 };
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<WebhookException>(() => harness.CallAsync(webhook));

        Assert.Contains("did not answer within 300 ms", failure.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task The_callers_cancellation_is_a_cancellation_not_a_timeout()
    {
        await using var harness = await WebhookHarness.StartAsync(Allowed);
        var webhook = new AgentWebhook { Name = "slow", Method = "GET", Url = Url("/slow"), TimeoutMs = 30_000 };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.CallAsync(webhook, cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task An_error_status_fails_the_call_with_the_status_and_the_start_of_the_body()
    {
        await using var harness = await WebhookHarness.StartAsync(Allowed);
        var webhook = new AgentWebhook { Name = "broken", Method = "POST", Url = Url("/fail") };

        var failure = await Assert.ThrowsAsync<WebhookException>(() => harness.CallAsync(webhook));

        Assert.Contains("answered 500", failure.Message, StringComparison.Ordinal);
        Assert.Contains("boom: the database is down", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_answer_is_cut_to_the_limit_on_a_character_boundary()
    {
        await using var harness = await WebhookHarness.StartAsync(Allowed);

        var result = await harness.CallAsync(new AgentWebhook { Name = "big", Method = "GET", Url = Url("/big") });

        var body = result.GetProperty("body").GetString()!;
        Assert.True(result.GetProperty("truncated").GetBoolean());
        Assert.Equal(4096, body.Length); // 'é' is two bytes: 8 KB holds 4096 of them
        Assert.All(body, c => Assert.Equal('é', c));
    }

    [Fact]
    public async Task Loopback_is_refused_unless_the_allow_list_names_it()
    {
        var webhook = new AgentWebhook { Name = "local", Method = "GET", Url = Url("/echo/guarded") };
        await using (var closed = await WebhookHarness.StartAsync())
        {
            var refused = await Assert.ThrowsAsync<WebhookException>(() => closed.CallAsync(webhook));
            Assert.Contains("loopback", refused.Message, StringComparison.Ordinal);
            Assert.IsType<OutboundRefusedException>(refused.InnerException);
            Assert.Empty(endpoint.Received("/echo/guarded"));
        }

        await using (var otherPort = await WebhookHarness.StartAsync($"127.0.0.1:{endpoint.BaseAddress.Port + 1}"))
        {
            await Assert.ThrowsAsync<WebhookException>(() => otherPort.CallAsync(webhook));
            Assert.Empty(endpoint.Received("/echo/guarded"));
        }

        await using (var open = await WebhookHarness.StartAsync("127.0.0.1"))
        {
            Assert.Equal(200, (await open.CallAsync(webhook)).GetProperty("status").GetInt32());
            Assert.Single(endpoint.Received("/echo/guarded"));
        }
    }

    [Fact]
    public async Task A_host_name_allowed_by_name_is_reached_at_whichever_of_its_addresses_answers()
    {
        // localhost resolves to ::1 and 127.0.0.1; the endpoint listens on 127.0.0.1 only.
        await using var harness = await WebhookHarness.StartAsync("localhost");
        var webhook = new AgentWebhook { Name = "by_name", Method = "GET", Url = $"http://localhost:{endpoint.BaseAddress.Port}/echo/localhost" };

        Assert.Equal(200, (await harness.CallAsync(webhook)).GetProperty("status").GetInt32());
        Assert.Single(endpoint.Received("/echo/localhost"));
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/admin")]
    [InlineData("http://127.0.0.1:{port}/echo/redirected")]
    public async Task A_redirect_is_not_followed_even_to_an_allowed_host(string target)
    {
        await using var harness = await WebhookHarness.StartAsync(Allowed);
        var location = target.Replace("{port}", endpoint.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var webhook = new AgentWebhook
        {
            Name = "redirected",
            Method = "GET",
            Url = Url($"/redirect?to={Uri.EscapeDataString(location)}"),
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer not-for-anyone-else" },
        };

        var failure = await Assert.ThrowsAsync<WebhookException>(() => harness.CallAsync(webhook));

        Assert.Contains("302", failure.Message, StringComparison.Ordinal);
        Assert.Contains("not followed", failure.Message, StringComparison.Ordinal);
        Assert.Empty(endpoint.Received("/echo/redirected"));
    }

    [Fact]
    public async Task The_webhook_client_follows_no_redirect_and_uses_no_proxy_whatever_the_environment()
    {
        await using var harness = await WebhookHarness.StartAsync(Allowed);
        var factory = (IHttpClientFactory)harness.Services.GetService(typeof(IHttpClientFactory))!;
        using var client = factory.CreateClient(WebhookClient.HttpClientName);
        using var response = await client.GetAsync(new Uri(Url($"/redirect?to={Uri.EscapeDataString(Url("/echo/direct"))}")));

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Empty(endpoint.Received("/echo/direct"));
    }
}
