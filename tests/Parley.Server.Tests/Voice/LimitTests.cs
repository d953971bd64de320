using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Speech;

namespace Parley.Server.Tests.Voice;

/// <summary>Timeouts, the per-key session limit and draining, on a server of their own with tight limits.</summary>
public sealed class LimitTests(LimitedServerFixture server) : IClassFixture<LimitedServerFixture>
{
    [Fact]
    public async Task With_silence_timeout_on_a_client_sending_only_silence_is_closed_with_client_silence_timeout()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true, SilenceTimeout = true } }));
        await client.WaitForAsync<ReadyMessage>();
        var streaming = client.StreamAsync(TestSpeech.Silence(TimeSpan.FromSeconds(3)));
        Assert.Equal(ErrorCodes.ClientSilenceTimeout, (await client.WaitForErrorAsync(TimeSpan.FromSeconds(5))).Code);
        await client.WaitForAsync<EndedMessage>();
        Assert.Equal((WebSocketCloseStatus)1008, await client.WaitForCloseAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => streaming); // the socket closed under it
        await server.WaitForNoSessionsAsync();
    }

    [Fact]
    public async Task Without_silence_timeout_silence_is_fine_until_the_maximum_session_length()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        await client.WaitForAsync<ReadyMessage>();
        var error = await client.WaitForErrorAsync(TimeSpan.FromSeconds(8));
        Assert.Equal(ErrorCodes.SessionTimeout, error.Code);
        Assert.True(client.Now > TimeSpan.FromSeconds(3.5), "ended before the maximum length");
        await client.WaitForAsync<EndedMessage>();
        Assert.Equal((WebSocketCloseStatus)1008, await client.WaitForCloseAsync());
        await server.WaitForNoSessionsAsync();
    }

    [Fact]
    public async Task A_key_over_its_session_limit_gets_too_many_sessions()
    {
        await using var first = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await using var second = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await first.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        await second.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        await first.WaitForAsync<ReadyMessage>();
        await second.WaitForAsync<ReadyMessage>();

        await using var third = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        Assert.Equal(ErrorCodes.TooManySessions, (await third.WaitForErrorAsync()).Code);
        Assert.Equal((WebSocketCloseStatus)1008, await third.WaitForCloseAsync());

        await first.SendAsync(StopMessage.Instance);
        await first.WaitForCloseAsync();
        await second.SendAsync(StopMessage.Instance);
        await second.WaitForCloseAsync();
        await server.WaitForNoSessionsAsync();
    }

    [Fact]
    public async Task A_key_over_its_request_rate_gets_429_with_the_datagrid_headers_and_body()
    {
        using var api = server.Api(await server.CreateKeyAsync($"rate-{Guid.NewGuid():N}"));
        for (var i = 0; i < 5; i++)
        {
            var ok = (await api.GetAsync("/v1/tools")).AssertStatus(HttpStatusCode.OK);
            Assert.Equal((4 - i).ToString(CultureInfo.InvariantCulture), ok.Headers["X-RateLimit-Remaining"]);
        }

        var refused = (await api.GetAsync("/v1/tools")).AssertError(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.True(refused.Body.GetProperty("retryable").GetBoolean());
        Assert.Equal("5", refused.Headers["X-RateLimit-Limit"]);
        Assert.Equal("0", refused.Headers["X-RateLimit-Remaining"]);
        Assert.InRange(int.Parse(refused.Headers["Retry-After"], CultureInfo.InvariantCulture), 1, 60);
        Assert.True(long.Parse(refused.Headers["X-RateLimit-Reset"], CultureInfo.InvariantCulture) >= DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        using var other = server.Api(await server.CreateKeyAsync($"rate-{Guid.NewGuid():N}"));
        (await other.GetAsync("/v1/tools")).AssertStatus(HttpStatusCode.OK); // limits are per key
    }

    [Fact]
    public async Task A_handoff_token_expires()
    {
        using var api = server.Api(await server.CreateKeyAsync($"handoff-{Guid.NewGuid():N}"));
        var url = new Uri((await api.PostAsync("/v1/voice", "{}")).AssertStatus(HttpStatusCode.OK).String("url"));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await using var client = await VoiceTestClient.ConnectAsync(url);
        Assert.Equal(ErrorCodes.Unauthorized, (await client.WaitForErrorAsync()).Code);
        Assert.Equal((WebSocketCloseStatus)1008, await client.WaitForCloseAsync());
    }
}
