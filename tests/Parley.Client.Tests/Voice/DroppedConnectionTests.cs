using System.Net.WebSockets;
using Parley.Client.Tests.Infrastructure;
using Parley.Client.Voice;
using Parley.Client.Voice.Events;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;

namespace Parley.Client.Tests.Voice;

/// <summary>Reconnection against a scripted server: which drops are retried, what the resumed start says, and giving up.</summary>
public sealed class DroppedConnectionTests
{
    private static readonly VoiceSessionOptions Fast = new()
    {
        Reconnect = new ReconnectPolicy { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200) },
    };

    [Fact]
    public async Task A_dropped_connection_is_resumed_in_the_same_conversation_and_text_is_not_lost()
    {
        await using var server = await FakeVoiceServer.StartAsync(async c =>
        {
            await c.HandshakeAsync();
            if (c.Number == 1)
            {
                await c.AnswerTextAsync("first answer");
                await c.DropAsync();
                return;
            }

            await c.AnswerTextAsync("second answer");
            await c.DrainAsync();
        });
        await using var session = await VoiceSession.ConnectAsync(server.Url, "key", Fast);
        await using var events = new EventLog(session);
        await session.StartAsync(new StartPayload { AgentId = "a1", InitialMessage = "hello", VoiceConfig = new VoiceConfig { VoicePreset = "kal" } });
        await session.SendTextAsync("one");
        await events.WaitForAgentLineAsync("first answer");

        var reconnected = await events.WaitForAsync<ReconnectedEvent>();
        Assert.Equal("session-2", reconnected.Started.SessionId);
        await session.SendTextAsync("two");
        await events.WaitForAgentLineAsync("second answer");
        var ended = await session.StopAsync();

        var resumed = server.Starts[1];
        Assert.Equal("conv-1", resumed.ConversationId);
        Assert.Equal("a1", resumed.AgentId);
        Assert.Null(resumed.InitialMessage); // Not asked again.
        Assert.True(resumed.VoiceConfig!.SilentStart); // Not greeted again.
        Assert.Equal("kal", resumed.VoiceConfig.VoicePreset);
        Assert.Single(events.All.OfType<StartedEvent>());
        Assert.Equal(["one", "first answer"], ended.Transcript.Take(2).Select(l => l.Text)); // The dropped connection's live lines.
    }

    [Theory]
    [InlineData(WebSocketCloseStatus.PolicyViolation)]
    [InlineData(WebSocketCloseStatus.NormalClosure)]
    public async Task Policy_and_normal_closes_end_the_session_without_reconnecting(WebSocketCloseStatus status)
    {
        await using var server = await FakeVoiceServer.StartAsync(async c =>
        {
            await c.HandshakeAsync();
            await c.CloseAsync(status);
        });
        await using var session = await VoiceSession.ConnectAsync(server.Url, "key", Fast);
        await using var events = new EventLog(session);
        await session.StartAsync();

        var ended = await events.WaitForAsync<EndedEvent>();

        Assert.Equal(status == WebSocketCloseStatus.PolicyViolation, ended.Error is not null);
        Assert.DoesNotContain(events.All, e => e is ReconnectingEvent);
        Assert.Single(server.Starts);
    }

    [Fact]
    public async Task An_unauthorized_error_is_never_retried()
    {
        await using var server = await FakeVoiceServer.StartAsync(async c =>
        {
            await c.HandshakeAsync();
            await c.SendAsync(new ErrorMessage(new ErrorPayload("Revoked.", "unauthorized")));
            await c.DropAsync();
        });
        await using var session = await VoiceSession.ConnectAsync(server.Url, "key", Fast);
        await using var events = new EventLog(session);
        await session.StartAsync();

        var ended = await events.WaitForAsync<EndedEvent>();

        Assert.True(ended.Error!.IsUnauthorized);
        Assert.DoesNotContain(events.All, e => e is ReconnectingEvent);
    }

    [Fact]
    public async Task Reconnection_gives_up_after_the_policy_s_attempts()
    {
        FakeVoiceServer? self = null;
        await using var server = self = await FakeVoiceServer.StartAsync(async c =>
        {
            await c.HandshakeAsync();
            self!.Refusing = true;
            await c.DropAsync();
        });
        await using var session = await VoiceSession.ConnectAsync(server.Url, "key", Fast);
        await using var events = new EventLog(session);
        await session.StartAsync();

        var gaveUp = await events.WaitForAsync<GaveUpEvent>();
        var ended = await events.WaitForAsync<EndedEvent>();

        Assert.Equal(3, gaveUp.Attempts);
        Assert.Equal([1, 2, 3], events.All.OfType<ReconnectingEvent>().Select(r => r.Attempt));
        Assert.Equal(VoiceSessionException.ReconnectFailed, ended.Error!.Code);
        Assert.True(session.IsEnded);
        await session.StopAsync(); // Harmless once over.
    }

    [Fact]
    public async Task Stop_during_reconnection_ends_the_session_at_once()
    {
        FakeVoiceServer? self = null;
        await using var server = self = await FakeVoiceServer.StartAsync(async c =>
        {
            await c.HandshakeAsync();
            self!.Refusing = true;
            await c.DropAsync();
        });
        var slow = new VoiceSessionOptions { Reconnect = new ReconnectPolicy { MaxAttempts = 10, BaseDelay = TimeSpan.FromSeconds(5) } };
        await using var session = await VoiceSession.ConnectAsync(server.Url, "key", slow);
        await using var events = new EventLog(session);
        await session.StartAsync();
        await events.WaitForAsync<ReconnectingEvent>();

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await session.StopAsync();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(3));
        Assert.Null((await events.WaitForAsync<EndedEvent>()).Error);
        Assert.DoesNotContain(events.All, e => e is GaveUpEvent);
    }

    [Fact]
    public void The_policy_backs_off_exponentially_within_its_jitter()
    {
        var policy = new ReconnectPolicy { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10), Jitter = 0.2 };
        Assert.Equal(TimeSpan.FromSeconds(1), policy.DelayFor(1, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(4), policy.DelayFor(3, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(10), policy.DelayFor(9, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(0.8), policy.DelayFor(1, 0));
        Assert.Equal(1.2, policy.DelayFor(1, 0.9999999).TotalSeconds, 3);
        Assert.Equal(0, ReconnectPolicy.None.MaxAttempts);
    }
}
