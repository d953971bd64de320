using Parley.Testing.Speech;

namespace Parley.Server.Tests.VoiceConsole.Hearing;

/// <summary>The alignment the hearing comparison frames its direct streams by, on synthesised speech with known offsets.</summary>
public sealed class CaptureAlignmentTests
{
    private static readonly short[] Clip = [.. TestSpeech.Silence(TimeSpan.FromSeconds(0.5)), .. TestSpeech.Say("what is twelve times seven"), .. TestSpeech.Silence(TimeSpan.FromSeconds(1))];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(171)]
    [InlineData(5333)]
    [InlineData(-800)]
    public void Finds_where_a_capture_starts_in_the_clip_to_the_sample(int offset)
    {
        var random = new Random(offset + 1000);
        var source = new CaptureAlignment(offset, 1, 0).Apply(Clip);
        // A quieter copy with a little noise, as a browser path could give.
        var captured = source.Select(s => (short)Math.Clamp((0.8 * s) + random.Next(-20, 21), short.MinValue, short.MaxValue)).ToArray();

        var found = CaptureAlignment.Find(Clip, captured);

        Assert.NotNull(found);
        Assert.Equal(offset, found.Offset);
        Assert.InRange(found.Gain, 0.79, 0.81);
        Assert.InRange(found.SnrDb, 20, 60);
    }

    [Fact]
    public void The_clip_itself_sits_at_zero_and_one_sample_later_is_found_there()
    {
        var inPlace = CaptureAlignment.Find(Clip, Clip)!;
        var misaligned = new CaptureAlignment(1, 1, 0).Apply(Clip);

        Assert.True(double.IsPositiveInfinity(inPlace.SnrDb));
        Assert.Equal(0, inPlace.Offset);
        Assert.Equal(1, CaptureAlignment.Find(Clip, misaligned)!.Offset);
    }

    [Fact]
    public void Silence_has_no_alignment()
    {
        Assert.Null(CaptureAlignment.Find(Clip, new short[16000]));
    }

    [Theory]
    [InlineData(3, new short[] { 4, 5 })]
    [InlineData(-2, new short[] { 0, 0, 1, 2, 3, 4, 5 })]
    public void A_direct_stream_is_the_clip_from_the_offset_on(int offset, short[] expected)
    {
        Assert.Equal(expected, new CaptureAlignment(offset, 1, 0).Apply([1, 2, 3, 4, 5]));
    }
}
