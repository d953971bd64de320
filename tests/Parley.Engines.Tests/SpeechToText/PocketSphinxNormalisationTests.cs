using Parley.Engines.SpeechToText;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Engines.Tests.SpeechToText;

/// <summary>The same words are heard the same on a decoder, whoever spoke on it before (issue 12, item 11).</summary>
/// <remarks>
/// A decoder adapts two things to the channel and kept them for the next caller: the front end's noise level and the
/// cepstral means. Without resetting them, three of these four cases changed words after someone else had spoken on
/// the decoder: "stop" was heard as "stop" instead of "shut the" (both muffled and tinny callers before), "what is uh"
/// as "what is hot" instead of "what is a". What remains is PocketSphinx's private fast-match history (the last frame's
/// best Gaussians), which no call resets: it moves the path score by a few per cent and changed no word on any clip;
/// forked decoders, always fresh copies, do not even have that.
/// </remarks>
public sealed class PocketSphinxNormalisationTests(ITestOutputHelper output)
{
    private const string SomeoneElseSays = "please remember the number forty two and then tell me a very long story about the sea";

    [Theory]
    [InlineData("stop", Channel.Tinny)]
    [InlineData("stop", Channel.Muffled)]
    [InlineData("what is uh", Channel.Tinny)]
    [InlineData("what is uh", Channel.Muffled)]
    public async Task A_pooled_decoder_hears_the_same_words_as_a_new_one_after_someone_else_spoke_on_it(string words, Channel before)
    {
        short[] question = [.. TestSpeech.Silence(TimeSpan.FromMilliseconds(300)), .. TestSpeech.Say(words), .. TestSpeech.Silence(TimeSpan.FromMilliseconds(300))];
        var options = new PocketSphinxOptions { Mode = PocketSphinxMode.InProcess, MinDecoders = 1, MaxDecoders = 1 };

        var fresh = await DecodeAsync(options, question, earlier: null);
        var reused = await DecodeAsync(options, question, earlier: SomeoneElse(before));

        output.WriteLine($"new decoder: \"{fresh.Text}\" ({fresh.Score}); after someone else: \"{reused.Text}\" ({reused.Score})");
        Assert.Equal(fresh.Text, reused.Text);
    }

    /// <summary>How the earlier caller sounded: another voice through another channel, so their cepstral means differ.</summary>
    public enum Channel
    {
        /// <summary>High-passed (a first difference): a thin, tinny line.</summary>
        Tinny,

        /// <summary>Low-passed (a 1 ms moving average), three times over: a long, muffled call.</summary>
        Muffled,
    }

    private static short[] SomeoneElse(Channel channel)
    {
        var speech = TestSpeech.Say(SomeoneElseSays, "awb");
        var filtered = new short[speech.Length];
        for (var i = 1; i < speech.Length; i++)
        {
            filtered[i] = channel == Channel.Tinny
                ? (short)Math.Clamp((speech[i] - speech[i - 1]) * 2, short.MinValue, short.MaxValue)
                : (short)(Enumerable.Range(0, Math.Min(16, i + 1)).Sum(k => speech[i - k]) / 16);
        }

        return channel == Channel.Tinny ? filtered : [.. filtered, .. filtered, .. filtered];
    }

    private static async Task<(string Text, int Score)> DecodeAsync(PocketSphinxOptions options, short[] question, short[]? earlier)
    {
        using var recognizer = new PocketSphinxRecognizer(options);
        if (earlier is not null)
        {
            using var stream = await recognizer.OpenStreamAsync();
            stream.Push(earlier);
            stream.Complete();
        }

        using (var stream = (PocketSphinxInProcessStream)await recognizer.OpenStreamAsync())
        {
            stream.Push(question);
            var text = stream.Complete();
            stream.Decoder.GetHypothesis(out var score);
            Assert.Equal(1, recognizer.Pool.Created); // The same decoder both times.
            return (text, score);
        }
    }
}
