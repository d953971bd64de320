using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Sessions.Tests.Timelines;

namespace Parley.Sessions.Tests.Core;

/// <summary>A session on a line that plays the agent itself (a phone call): silenced at the onset of speech over it, text cut at what it confirmed.</summary>
public sealed class PlaybackLineTests(TimelineStorage storage) : IClassFixture<TimelineStorage>
{
    [Fact]
    public async Task Speech_over_the_agent_silences_the_line_at_onset_and_a_cough_plays_it_again()
    {
        var line = new InMemoryPlaybackLine();
        await using var session = new SessionHarness(storage, heard: [""], connection: line);
        await session.StartAsync();
        session.Send(new TextMessage(new TextPayload { Text = "what time is it" }));
        await session.WaitForAsync(m => m is AudioMessage, "the agent's audio");

        await session.SpeakAsync(1);
        Assert.Equal(1, line.Pauses);
        Assert.Equal(0, line.Resumes);

        await session.SpeakAsync(4, loud: false);
        Assert.Equal(1, line.Resumes);
        Assert.DoesNotContain(session.Frames, f => f is InterruptedMessage);
    }

    [Fact]
    public async Task Nothing_confirmed_means_nothing_heard_whatever_the_clock_says()
    {
        var line = new InMemoryPlaybackLine();
        await using var session = new SessionHarness(storage, heard: ["hold on wait"], connection: line);
        await session.StartAsync();
        session.Send(new TextMessage(new TextPayload { Text = "what time is it" }));
        await session.WaitForAsync(m => m is AudioMessage, "the agent's audio");
        await session.Clock.AdvanceAsync(TimeSpan.FromSeconds(1)); // By the pacer's estimate, the first piece has played.

        await session.SpeakAsync(4);
        await session.WaitForAsync(m => m is InterruptedMessage, "interrupted");
        session.Send(StopMessage.Instance);
        var ended = (EndedMessage)await session.WaitForAsync(m => m is EndedMessage, "ended");

        Assert.DoesNotContain(ended.Payload.Transcript, l => l.Role == Roles.Agent && l.Text.Contains("r1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_stored_agent_text_ends_at_the_last_piece_the_line_confirmed()
    {
        // A seed whose first reply has three sentences or more (the scripted agent's first draw is its sentence count).
        var seed = Enumerable.Range(1, 100).First(s => new Random(s).Next(1, 5) >= 3);
        var line = new InMemoryPlaybackLine();
        await using var session = new SessionHarness(storage, heard: ["hold on wait"], connection: line, agentSeed: seed);
        await session.StartAsync();
        session.Send(new TextMessage(new TextPayload { Text = "what time is it" }));
        var first = (TranscriptMessage)await session.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent }, "the first piece");
        await session.Clock.AdvanceAsync(TimeSpan.FromSeconds(1)); // By the pacer's estimate, all of it has played.
        line.Confirm(line.Marks[0]);

        await session.SpeakAsync(4);
        await session.WaitForAsync(m => m is InterruptedMessage, "interrupted");
        session.Send(StopMessage.Instance);
        var ended = (EndedMessage)await session.WaitForAsync(m => m is EndedMessage, "ended");

        var heard = Assert.Single(ended.Payload.Transcript, l => l.Role == Roles.Agent && l.Text.Contains("r1", StringComparison.Ordinal));
        Assert.Equal(first.Payload.Text, heard.Text);
        var pieces = session.Frames.OfType<TranscriptMessage>().Count(t => t.Payload.Role == Roles.Agent && t.Payload.Text.Contains("r1", StringComparison.Ordinal));
        Assert.True(pieces > 1, "the reply had one piece: the cut is not shown");
    }
}
