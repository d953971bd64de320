using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Sessions.Conversations;
using Parley.Sessions.Tests.Timelines;

namespace Parley.Sessions.Tests.Core;

/// <summary>A draining node ends each session once its reply is over (never cutting what the user hears), within the grace; and conversation holds.</summary>
public sealed class GracefulDrainTests(TimelineStorage storage) : IClassFixture<TimelineStorage>
{
    [Fact]
    public async Task A_drain_during_a_reply_lets_it_finish_then_ends_with_ended_and_1012()
    {
        await using var session = new SessionHarness(storage);
        await session.StartAsync();
        session.Send(new TextMessage(new TextPayload { Text = "tell me a story please" }));
        await session.WaitForAsync(m => m is AudioMessage, "the reply's audio");

        session.Session.Drain(TimeSpan.FromSeconds(60));
        await session.WaitForEndAsync();

        var frames = session.Frames;
        Assert.DoesNotContain(frames, f => f is InterruptedMessage);
        var ended = Assert.IsType<EndedMessage>(frames[^1]);
        Assert.Equal(1012, session.Connection.CloseCode);
        var spoken = string.Join(' ', frames.OfType<TranscriptMessage>().Where(t => t.Payload.Role == Roles.Agent).Select(t => t.Payload.Text));
        Assert.Equal([Roles.User, Roles.Agent], ended.Payload.Transcript.Select(t => t.Role));
        Assert.Equal(spoken, ended.Payload.Transcript[1].Text); // heard whole, not cut at the drain
    }

    [Fact]
    public async Task A_drain_ends_a_reply_longer_than_the_grace_when_the_grace_is_over()
    {
        await using var session = new SessionHarness(storage);
        await session.StartAsync();
        session.Send(new TextMessage(new TextPayload { Text = "tell me a story please" }));
        await session.WaitForAsync(m => m is AudioMessage, "the reply's audio");
        var drainedAt = session.Clock.Time.GetUtcNow();

        session.Session.Drain(TimeSpan.FromMilliseconds(100));
        await session.WaitForEndAsync();

        Assert.IsType<EndedMessage>(session.Frames[^1]);
        Assert.Equal(1012, session.Connection.CloseCode);
        Assert.InRange(session.Clock.Time.GetUtcNow() - drainedAt, TimeSpan.Zero, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_drain_of_an_idle_session_ends_it_at_once()
    {
        await using var session = new SessionHarness(storage);
        await session.StartAsync();
        var drainedAt = session.Clock.Time.GetUtcNow();

        session.Session.Drain(TimeSpan.FromSeconds(60));
        await session.WaitForEndAsync();

        Assert.IsType<EndedMessage>(session.Frames[^1]);
        Assert.Equal(1012, session.Connection.CloseCode);
        Assert.True(session.Clock.Time.GetUtcNow() - drainedAt < TimeSpan.FromSeconds(1), "an idle session waited for the grace");
    }

    [Fact]
    public async Task A_conversation_is_held_by_one_session_at_a_time_and_a_late_release_frees_only_its_own_hold()
    {
        var locks = new InMemoryConversationLocks();
        var first = await locks.TryAcquireAsync("c1");
        Assert.NotNull(first);
        Assert.Null(await locks.TryAcquireAsync("c1"));
        Assert.NotNull(await locks.TryAcquireAsync("c2"));

        await first.DisposeAsync();
        var second = await locks.TryAcquireAsync("c1");
        Assert.NotNull(second);
        await first.DisposeAsync(); // disposed twice: must not free the second session's hold
        Assert.Null(await locks.TryAcquireAsync("c1"));
    }
}
