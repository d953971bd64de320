using Parley.Client.Errors;
using Parley.Client.Tests.Infrastructure;
using Parley.Protocol.Payloads;

namespace Parley.Client.Tests.Rest;

[Collection(ServerCollection.Name)]
public sealed class VoiceSessionsClientTests(ServerFixture fixture)
{
    [Fact]
    public async Task A_handoff_names_a_single_use_socket_and_the_resolved_start()
    {
        using var client = fixture.Server.Client();
        var handoff = await client.VoiceSessions.CreateAsync(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } });
        Assert.Equal("ws", handoff.Url.Scheme);
        Assert.Equal("/ws/voice", handoff.Url.AbsolutePath);
        Assert.Contains("token=", handoff.Url.Query, StringComparison.Ordinal);
        Assert.Equal(handoff.AgentId, handoff.Start.AgentId);
        Assert.True(handoff.Start.VoiceConfig?.SilentStart);
    }

    [Fact]
    public async Task Unknown_agents_and_voices_are_refused_before_connecting()
    {
        using var client = fixture.Server.Client();
        var agent = await Assert.ThrowsAsync<ParleyNotFoundException>(() => client.VoiceSessions.CreateAsync(new StartPayload { AgentId = "no-such-agent" }));
        Assert.Contains("no-such-agent", agent.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ParleyNotFoundException>(() => client.VoiceSessions.ConnectAsync(new StartPayload { ConversationId = "no-such-conversation" }));
        await Assert.ThrowsAsync<ParleyBadRequestException>(() => client.VoiceSessions.CreateAsync(new StartPayload { VoiceConfig = new VoiceConfig { VoicePreset = "no-such-voice" } }));
    }
}
