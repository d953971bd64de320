using Parley.Sessions.Recording;

namespace Parley.Sessions.Tests.Recording;

public sealed class AgentReplyRecordingTests
{
    private const int Frame = 960; // 40 ms at 24 kHz

    [Fact]
    public void Frames_are_kept_once_they_lie_further_back_than_what_an_interruption_can_cut()
    {
        var reply = new AgentReplyRecording(holdBackSamples: 3 * Frame);
        var kept = new List<AgentReplyRecording.Kept>();
        for (var i = 0; i < 6; i++)
        {
            kept.AddRange(reply.Add(Samples(i), i * Frame));
        }

        Assert.Equal([0, Frame, 2 * Frame], kept.Select(k => k.Position));
        Assert.Equal(3 * Frame, reply.HeldFrom);
        Assert.Equal(0, reply.StartPosition);
    }

    [Fact]
    public void An_interrupted_reply_keeps_exactly_what_played_of_the_frames_held()
    {
        var reply = new AgentReplyRecording(holdBackSamples: 3 * Frame);
        var kept = new List<AgentReplyRecording.Kept>();
        for (var i = 0; i < 6; i++)
        {
            kept.AddRange(reply.Add(Samples(i), 1000 + (i * Frame)));
        }

        kept.AddRange(reply.End(heardSamples: (4 * Frame) + 100));

        var audio = kept.SelectMany(k => k.Samples.ToArray()).ToArray();
        Assert.Equal((4 * Frame) + 100, audio.Length);
        Assert.Equal(Enumerable.Range(0, 5).SelectMany(Samples).Take(audio.Length), audio);
        Assert.Null(reply.HeldFrom);
    }

    [Fact]
    public void Play_times_a_sample_apart_are_joined_and_a_real_gap_is_kept()
    {
        var reply = new AgentReplyRecording(holdBackSamples: 0);
        var first = reply.Add(Samples(0), 500).Single();
        var joined = reply.Add(Samples(1), 500 + Frame + 1).Single();
        var after = reply.Add(Samples(2), 500 + (2 * Frame) + 4800).Single();

        Assert.Equal((500, 500 + Frame, 500 + (2 * Frame) + 4800), (first.Position, joined.Position, after.Position));
    }

    private static short[] Samples(int frame) => [.. Enumerable.Range(0, Frame).Select(i => (short)((frame * 1000) + i))];
}
