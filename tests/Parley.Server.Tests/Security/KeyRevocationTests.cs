using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Keys;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Voice;

namespace Parley.Server.Tests.Security;

/// <summary>A revoked key's handoff URLs and live sessions stop working at once (issue 12, item 10).</summary>
[Collection(ServerCollection.Name)]
public sealed class KeyRevocationTests(ServerFixture server) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => server.WaitForNoSessionsAsync();

    [Fact]
    public async Task Revoking_a_key_through_the_api_voids_its_pending_handoff_url_and_ends_its_live_session_with_unauthorized()
    {
        var teamspace = $"revoke-{Guid.NewGuid():N}";
        var key = await KeyHandle.CreateAsync(server, teamspace, admin: false);
        using var api = server.Api(key.Raw);
        var handoff = new Uri((await api.PostAsync("/v1/voice", """{"voice_config": {"silent_start": true}}""")).AssertStatus(HttpStatusCode.OK).String("url"));
        await using var live = await StartSilentAsync(server.VoiceUri(key.Raw));

        using var operatorApi = server.Api();
        (await operatorApi.DeleteAsync($"/v1/keys/{key.Id}?teamspace_id={teamspace}")).AssertStatus(HttpStatusCode.NoContent);

        await AssertRevokedAsync(live);
        await using var late = await VoiceTestClient.ConnectAsync(handoff);
        Assert.Equal(ErrorCodes.Unauthorized, (await late.WaitForErrorAsync()).Code);
        Assert.Equal((WebSocketCloseStatus)1008, await late.WaitForCloseAsync());
    }

    [Fact]
    public async Task A_key_revoked_by_the_keys_command_loses_its_handoff_url_at_once_and_its_live_session_at_the_next_check()
    {
        var teamspace = $"revoke-cli-{Guid.NewGuid():N}";
        var key = await KeyHandle.CreateAsync(server, teamspace, admin: false);
        var bystander = await KeyHandle.CreateAsync(server, teamspace, admin: false);
        using var api = server.Api(key.Raw);
        var handoff = new Uri((await api.PostAsync("/v1/voice", """{"voice_config": {"silent_start": true}}""")).AssertStatus(HttpStatusCode.OK).String("url"));
        await using var live = await StartSilentAsync(server.VoiceUri(key.Raw));
        await using var other = await StartSilentAsync(server.VoiceUri(bystander.Raw));

        Assert.Equal(0, await KeysCommand.RunAsync(server.Services, ["revoke", key.Id, "--teamspace", teamspace], new StringWriter()));

        await using (var late = await VoiceTestClient.ConnectAsync(handoff))
        {
            Assert.Equal(ErrorCodes.Unauthorized, (await late.WaitForErrorAsync()).Code);
        }

        // What the watcher does every Parley:Api:RevokedKeyCheckInterval, called here rather than waited for.
        var watcher = server.Services.GetServices<IHostedService>().OfType<RevokedKeyWatcher>().Single();
        Assert.Equal(1, await watcher.EndRevokedAsync());
        await AssertRevokedAsync(live);

        Assert.Equal(0, await watcher.EndRevokedAsync());
        Assert.Null(other.CloseStatus);
        await other.SendAsync(StopMessage.Instance);
        await other.WaitForAsync<EndedMessage>();
    }

    private static async Task<VoiceTestClient> StartSilentAsync(Uri uri)
    {
        var client = await VoiceTestClient.ConnectAsync(uri);
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        await client.WaitForAsync<ReadyMessage>();
        return client;
    }

    private static async Task AssertRevokedAsync(VoiceTestClient live)
    {
        var error = await live.WaitForErrorAsync();
        Assert.Equal(ErrorCodes.Unauthorized, error.Code);
        Assert.Contains("revoked", error.Message, StringComparison.Ordinal);
        await live.WaitForAsync<EndedMessage>();
        Assert.Equal((WebSocketCloseStatus)1008, await live.WaitForCloseAsync());
    }
}
