using Parley.Engines.TextToSpeech;
using Parley.Engines.TextToSpeech.ElevenLabs;

namespace Parley.Engines.Tests.Providers;

public sealed class SpokenWordAssemblerTests
{
    [Fact]
    public void Each_messages_timings_are_offset_by_the_audio_before_it()
    {
        var words = new SpokenWordAssembler("Hi you there");

        var first = words.Add(Alignment("Hi you ", 0, 100), TimeSpan.Zero);
        var second = words.Add(Alignment("there", 0, 50), TimeSpan.FromMilliseconds(700));

        Assert.Equal([Word("Hi", 0, 200), Word("you", 300, 300)], first);
        Assert.Equal([Word("there", 700, 250)], second);
    }

    [Fact]
    public void A_word_split_between_messages_comes_with_the_second_with_its_start_in_the_first()
    {
        var words = new SpokenWordAssembler("Hello world");

        var first = words.Add(Alignment("Hello wo", 0, 10), TimeSpan.Zero);
        var second = words.Add(Alignment("rld", 0, 10), TimeSpan.FromMilliseconds(80));

        Assert.Equal([Word("Hello", 0, 50)], first);
        Assert.Equal([Word("world", 60, 50)], second);
    }

    [Fact]
    public void A_word_the_alignment_never_closes_is_given_when_the_generation_ends()
    {
        var words = new SpokenWordAssembler("Twelve dollars");

        var spoken = words.Add(Alignment("twelve dol", 0, 10), TimeSpan.Zero);

        Assert.Equal([Word("twelve", 0, 60)], spoken);
        Assert.Equal([Word("dol", 70, 30)], words.Finish());
        Assert.Empty(words.Finish());
    }

    private static CharacterAlignment Alignment(string text, double start, double each)
        => new(text.Select(c => c.ToString()).ToList(), text.Select((_, i) => start + (i * each)).ToList(), text.Select(_ => each).ToList());

    private static SpokenWord Word(string text, double startMs, double durationMs)
        => new(text, TimeSpan.FromMilliseconds(startMs), TimeSpan.FromMilliseconds(durationMs));
}
