using Parley.Testing.Speech;

namespace Parley.Server.Tests.VoiceConsole.Hearing;

/// <summary>How the hearing comparison finds each question in a page's capture, on synthesised speech with known shifts.</summary>
public sealed class CaptureAlignmentTests
{
    private static readonly short[][] Questions = [TestSpeech.Voiced(TestSpeech.Say("what is twelve times seven")), TestSpeech.Voiced(TestSpeech.Say("good morning"))];

    /// <summary>Half a second of silence, the questions with two seconds after each; where each starts.</summary>
    private static (short[] Clip, int[] Positions) Clip()
    {
        var clip = new List<short>(new short[8000]);
        var positions = new List<int>();
        foreach (var question in Questions)
        {
            positions.Add(clip.Count);
            clip.AddRange(question);
            clip.AddRange(new short[32000]);
        }

        return ([.. clip], [.. positions]);
    }

    /// <summary>A capture of the clip that starts <paramref name="lead"/> samples early (negative: late) and repeats <paramref name="repeated"/> samples between the questions, quieter and noisy, upside down when asked.</summary>
    private static short[] Capture(int lead, int repeated, bool inverted)
    {
        var (clip, positions) = Clip();
        var between = positions[1] - 4000;
        List<short> capture = lead >= 0 ? [.. new short[lead], .. clip] : [.. clip[-lead..]];
        var at = between + lead;
        capture.InsertRange(at, capture.GetRange(at - repeated, repeated));
        var random = new Random(lead + repeated);
        return [.. capture.Select(s => (short)Math.Clamp(((inverted ? -0.8 : 0.8) * s) + random.Next(-20, 21), short.MinValue, short.MaxValue))];
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(171, 160, false)]
    [InlineData(-431, 480, true)]
    [InlineData(5333, 0, true)]
    public void Finds_each_question_to_the_sample_whatever_was_repeated_between_them(int lead, int repeated, bool inverted)
    {
        var (_, positions) = Clip();

        var found = CaptureAlignment.Find(Questions, positions, Capture(lead, repeated, inverted));

        Assert.NotNull(found);
        Assert.Equal([lead, lead + repeated], found.Offsets);
        Assert.Equal([positions[0] + lead, positions[1] + lead + repeated], found.Positions);
        Assert.Equal(inverted, found.Inverted);
        Assert.Equal(repeated == 0 ? 0 : 1, found.Jumps);
    }

    [Fact]
    public void The_direct_stream_has_each_clean_question_where_the_capture_has_it()
    {
        var (_, positions) = Clip();
        var found = CaptureAlignment.Find(Questions, positions, Capture(-431, 480, inverted: true))!;

        var stream = found.DirectStream(Questions);

        for (var i = 0; i < Questions.Length; i++)
        {
            var at = found.Positions[i];
            Assert.Equal(Questions[i][Math.Max(-at, 0)..], stream.AsSpan(Math.Max(at, 0), Questions[i].Length - Math.Max(-at, 0)).ToArray());
        }

        Assert.Equal(found.Length, stream.Length);
    }

    [Fact]
    public void A_capture_without_the_questions_is_not_aligned()
    {
        var (_, positions) = Clip();
        Assert.Null(CaptureAlignment.Find(Questions, positions, new short[16000 * 6]));
    }
}
