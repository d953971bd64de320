using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Sessions.Tests.Timelines;

namespace Parley.Sessions.Tests.Core;

/// <summary>
/// The <c>ended</c> frame's transcript has a bound (issue 12, item 6: 300 long text turns made a 58 MB <c>ended</c>
/// frame): its newest lines within <see cref="VoiceSessionOptions.MaxEndedTranscriptChars"/>.
/// </summary>
public sealed class EndedTranscriptTests(TimelineStorage storage) : IClassFixture<TimelineStorage>
{
    private const int Bound = 200;

    [Fact]
    public async Task The_ended_frame_keeps_only_the_newest_lines_within_its_bound()
    {
        await using var session = new SessionHarness(storage, options: SessionHarness.Defaults with { MaxEndedTranscriptChars = Bound });
        await session.StartAsync();
        // Four user lines of 60 characters: on their own more than the bound, so the oldest must go.
        var asked = Enumerable.Range(1, 4).Select(i => $"question number {i} ".PadRight(60, 'x')).ToList();
        foreach (var question in asked)
        {
            session.Send(new TextMessage(new TextPayload { Text = question }));
            await session.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.User } t && t.Payload.Text == question, question);
        }

        session.Send(StopMessage.Instance);
        await session.WaitForEndAsync();

        var ended = Assert.IsType<EndedMessage>(session.Frames[^1]);
        var lines = ended.Payload.Transcript;
        Assert.InRange(lines.Sum(l => l.Text.Length), 1, Bound);
        Assert.Contains(lines, l => l.Role == Roles.User && l.Text == asked[^1]);
        Assert.DoesNotContain(lines, l => l.Text == asked[0]);
    }
}
