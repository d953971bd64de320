using Parley.Testing.Speech;

namespace Parley.Testing.Providers;

/// <summary>
/// Speech the ElevenLabs loopback server sends for a text: each word spoken by Flite on its own, trimmed to its voiced
/// part and followed by a short pause, so every character's time is known exactly; cut into messages with their
/// alignment timed from each message's start, as ElevenLabs times it.
/// </summary>
internal sealed class ElevenLabsSpeech
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(60);

    private readonly List<short> _samples = [];
    private readonly List<(string Char, long Start, long End)> _chars = [];
    private readonly List<int> _wordFirstChar = [];

    public ElevenLabsSpeech(string text, int sampleRate)
    {
        SampleRate = sampleRate;
        var words = text.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var timings = new List<SpokenWordTiming>();
        foreach (var word in words)
        {
            var audio = TestRecognition.Resample(TestSpeech.Voiced(TestSpeech.Say(word)), 16000, sampleRate);
            var start = _samples.Count;
            _wordFirstChar.Add(_chars.Count);
            for (var i = 0; i < word.Length; i++)
            {
                _chars.Add((word[i].ToString(), start + ((long)audio.Length * i / word.Length), start + ((long)audio.Length * (i + 1) / word.Length)));
            }

            _samples.AddRange(audio);
            var pause = (int)(Pause.TotalSeconds * sampleRate);
            _chars.Add((" ", _samples.Count, _samples.Count + pause));
            _samples.AddRange(new short[pause]);
            timings.Add(new SpokenWordTiming(word, Time(start), Time(start + audio.Length) - Time(start)));
        }

        Words = timings;
    }

    public int SampleRate { get; }

    /// <summary>The words and when they are really spoken.</summary>
    public IReadOnlyList<SpokenWordTiming> Words { get; }

    /// <summary>The audio and alignment of each message: <paramref name="wordsPerMessage"/> words each, or, when <paramref name="splitWords"/>, cut in the middle of every other word.</summary>
    public IEnumerable<(short[] Audio, string[] Chars, int[] StartsMs, int[] DurationsMs)> Messages(int wordsPerMessage, bool splitWords)
    {
        var cuts = new List<int>();
        for (var w = wordsPerMessage; w < _wordFirstChar.Count; w += wordsPerMessage)
        {
            var first = _wordFirstChar[w];
            var length = (w + 1 < _wordFirstChar.Count ? _wordFirstChar[w + 1] : _chars.Count) - 1 - first;
            cuts.Add(splitWords && length > 1 ? first + (length / 2) : first);
        }

        cuts.Add(_chars.Count);
        var from = 0;
        foreach (var to in cuts)
        {
            var start = _chars[from].Start;
            var end = to < _chars.Count ? _chars[to].Start : _samples.Count;
            var slice = _chars.Skip(from).Take(to - from).ToList();
            yield return (
                _samples.GetRange((int)start, (int)(end - start)).ToArray(),
                slice.Select(c => c.Char).ToArray(),
                slice.Select(c => Milliseconds(c.Start - start)).ToArray(),
                slice.Select(c => Milliseconds(c.End - start) - Milliseconds(c.Start - start)).ToArray());
            from = to;
        }
    }

    private int Milliseconds(long samples) => (int)Math.Round(samples * 1000.0 / SampleRate);

    private TimeSpan Time(long samples) => TimeSpan.FromSeconds(samples / (double)SampleRate);
}
