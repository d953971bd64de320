using System.Net.WebSockets;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Voice;

/// <summary>Stopping the server ends live sessions with <c>ended</c> and close 1012, so clients reconnect.</summary>
public sealed class DrainTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task A_draining_server_ends_sessions_with_ended_and_close_1012()
    {
        await using var client = await VoiceTestClient.ConnectAsync(_server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        await client.WaitForAsync<ReadyMessage>();
        await client.SendAsync(new TextMessage(new TextPayload { Text = "hello" }));
        await client.WaitForAsync<TranscriptMessage>();

        var stopping = _server.StopAsync();
        var ended = (EndedMessage)(await client.WaitForAsync<EndedMessage>()).Message;
        Assert.Contains(ended.Payload.Transcript, t => t.Text == "hello");
        Assert.Equal((WebSocketCloseStatus)1012, await client.WaitForCloseAsync());
        await stopping;
    }
}
