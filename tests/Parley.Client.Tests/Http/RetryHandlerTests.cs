using System.Net;
using Parley.Client.Errors;
using Parley.Client.Http;
using Parley.Client.Tests.Infrastructure;

namespace Parley.Client.Tests.Http;

public sealed class RetryHandlerTests
{
    private const string EmptyList = """{"object": "list", "data": [], "has_more": false}""";

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_it_gives()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedHttpServer.Error(429, "rate_limit_exceeded", true, retryAfterSeconds: 1), ScriptedHttpServer.Json(EmptyList));
        using var client = new ParleyClient(new ParleyClientOptions { BaseAddress = server.BaseAddress, ApiKey = "k" });

        var page = await client.Agents.ListAsync();

        Assert.Empty(page.Data);
        var times = server.Requests.ToArray();
        Assert.Equal(2, times.Length);
        Assert.InRange((times[1] - times[0]).TotalSeconds, 0.9, 5);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_until_the_attempts_run_out()
    {
        await using var server = await ScriptedHttpServer.StartAsync(
            ScriptedHttpServer.Error(503, "service_unavailable", true),
            ScriptedHttpServer.Error(500, "internal_error", true),
            ScriptedHttpServer.Error(502, "bad_gateway", true));
        var options = new ParleyClientOptions { BaseAddress = server.BaseAddress, ApiKey = "k", Retry = new ParleyRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1) } };
        using var client = new ParleyClient(options);

        var error = await Assert.ThrowsAsync<ParleyServerException>(() => client.Agents.ListAsync());

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal("bad_gateway", error.Error);
        Assert.True(error.Retryable);
        var times = server.Requests.ToArray();
        Assert.Equal(3, times.Length);
        Assert.InRange((times[1] - times[0]).TotalMilliseconds, 150, 2000); // ~200 ms ± jitter
        Assert.InRange((times[2] - times[1]).TotalMilliseconds, 300, 3000); // doubled
    }

    [Fact]
    public async Task A_Retry_After_longer_than_allowed_is_left_to_the_caller()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedHttpServer.Error(429, "rate_limit_exceeded", true, retryAfterSeconds: 120), ScriptedHttpServer.Json(EmptyList));
        using var client = new ParleyClient(new ParleyClientOptions { BaseAddress = server.BaseAddress, ApiKey = "k" });

        var error = await Assert.ThrowsAsync<ParleyRateLimitException>(() => client.Agents.ListAsync());

        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Equal("rate_limit_exceeded", error.Error);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedHttpServer.Error(404, "not_found", false), ScriptedHttpServer.Json(EmptyList));
        using var client = new ParleyClient(new ParleyClientOptions { BaseAddress = server.BaseAddress, ApiKey = "k" });

        await Assert.ThrowsAsync<ParleyNotFoundException>(() => client.Agents.GetAsync("x"));
        Assert.Single(server.Requests);
    }

    [Fact]
    public void Backoff_doubles_up_to_the_cap_with_bounded_jitter()
    {
        var handler = new ParleyRetryHandler(new ParleyRetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3) });
        for (var i = 0; i < 50; i++)
        {
            Assert.InRange(handler.DelayBefore(2, null)!.Value.TotalSeconds, 0.8, 1.2);
            Assert.InRange(handler.DelayBefore(3, null)!.Value.TotalSeconds, 1.6, 2.4);
            Assert.InRange(handler.DelayBefore(6, null)!.Value.TotalSeconds, 2.4, 3.6);
        }

        Assert.Equal(TimeSpan.FromSeconds(7), handler.DelayBefore(2, TimeSpan.FromSeconds(7)));
        Assert.Null(handler.DelayBefore(2, TimeSpan.FromMinutes(5)));
    }
}
