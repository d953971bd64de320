using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Sessions.Outbound;
using Parley.Sessions.Tests.Timelines;

namespace Parley.Sessions.Tests.Core;

public sealed class OutboxTests
{
    [Fact]
    public async Task Nothing_posted_after_the_last_frame_is_sent()
    {
        var connection = new InMemoryVoiceConnection();
        var outbox = new Outbox(connection, 1024 * 1024);
        Assert.True(outbox.Post(ReadyMessage.Instance));
        Assert.True(outbox.PostLast(new EndedMessage(new EndedPayload(0, []))));
        Assert.False(outbox.Post(new ErrorMessage(new ErrorPayload("late", ErrorCodes.InvalidMessage))));
        await outbox.FlushAndCompleteAsync();
        Assert.Equal(["ready", "ended"], connection.Sent.Select(f => f.Message.Type));
    }

    [Fact]
    public async Task A_peer_that_stops_reading_is_dropped_once_the_queue_reaches_its_bound()
    {
        var connection = new InMemoryVoiceConnection { SendsBlock = true };
        var outbox = new Outbox(connection, 64 * 1024);
        var error = new ErrorMessage(new ErrorPayload(new string('x', 1000), ErrorCodes.InvalidMessage));
        var posted = 0;
        while (outbox.Post(error))
        {
            posted++;
            Assert.True(posted < 1000, "the outbox kept taking frames for a peer that reads nothing");
        }

        Assert.True(outbox.Overflowed);
        Assert.True(connection.Aborted);
        Assert.InRange(outbox.QueuedBytes, 0, 64 * 1024);
        await outbox.FlushAndCompleteAsync();
    }
}
