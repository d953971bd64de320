using System.Net;
using System.Net.WebSockets;
using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Security;

/// <summary>Failed sign-ins are throttled per client address on the REST API and on the socket (issue 12, item 10: 1,800 wrong keys a second were answered).</summary>
public sealed class FailedSignInTests : IAsyncLifetime
{
    private readonly ConfiguredServerFixture _server = new(["--Parley:Api:FailedAuthLimit", "3", "--Parley:Api:FailedAuthWindow", "00:10:00"]);

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task After_too_many_wrong_keys_the_address_is_refused_before_any_key_is_checked_on_rest_and_on_the_socket()
    {
        using (var anonymous = _server.Api(apiKey: null))
        {
            for (var i = 0; i < 5; i++)
            {
                (await anonymous.GetAsync("/v1/agents")).AssertError(HttpStatusCode.Unauthorized, "unauthorized"); // no key: not a guess
            }
        }

        using var wrong = _server.Api("pk_" + new string('1', 48));
        for (var i = 0; i < 3; i++)
        {
            (await wrong.GetAsync("/v1/agents")).AssertError(HttpStatusCode.Unauthorized, "unauthorized");
        }

        var refused = (await wrong.GetAsync("/v1/agents")).AssertError(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.InRange(int.Parse(refused.Headers["Retry-After"], System.Globalization.CultureInfo.InvariantCulture), 1, 600);

        // Even the right key: a guess that happened to be right must not be told so.
        using var right = _server.Api();
        (await right.GetAsync("/v1/agents")).AssertError(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        await using var socket = await VoiceTestClient.ConnectAsync(_server.VoiceUri());
        var error = await socket.WaitForErrorAsync();
        Assert.Equal(ErrorCodes.Unauthorized, error.Code);
        Assert.Contains("Too many failed sign-ins", error.Message, StringComparison.Ordinal);
        Assert.Equal((WebSocketCloseStatus)1008, await socket.WaitForCloseAsync());
    }

    [Fact]
    public async Task Wrong_tokens_on_the_socket_count_like_wrong_keys_on_rest()
    {
        for (var i = 0; i < 3; i++)
        {
            await using var socket = await VoiceTestClient.ConnectAsync(_server.VoiceUri(i % 2 == 0 ? "ht_not_a_token" : "pk_wrong"));
            Assert.Equal("Missing, unknown or revoked token.", (await socket.WaitForErrorAsync()).Message);
        }

        using var right = _server.Api();
        (await right.GetAsync("/v1/agents")).AssertError(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
    }
}
