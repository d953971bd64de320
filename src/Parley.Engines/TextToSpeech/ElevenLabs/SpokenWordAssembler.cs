using System.Text;

namespace Parley.Engines.TextToSpeech.ElevenLabs;

/// <summary>Turns the character timings of each audio message into words timed from the start of the request's audio.</summary>
/// <remarks>
/// ElevenLabs times each message's characters from the start of that message's audio, so each message is offset by the
/// audio before it. A word ends at whitespace, or when every letter of the request's text has been timed; a word whose
/// letters run on into the next message is given with that message, its start still where it really began.
/// </remarks>
internal sealed class SpokenWordAssembler(string text)
{
    private readonly int _expectedLetters = text.Count(c => !char.IsWhiteSpace(c));
    private readonly StringBuilder _word = new();
    private int _letters;
    private double _wordStartMs;
    private double _wordEndMs;

    /// <summary>The words completed by <paramref name="alignment"/>, whose message's audio starts at <paramref name="offset"/>.</summary>
    public List<SpokenWord> Add(CharacterAlignment alignment, TimeSpan offset)
    {
        var words = new List<SpokenWord>();
        for (var i = 0; i < alignment.Chars.Count; i++)
        {
            var character = alignment.Chars[i];
            if (string.IsNullOrWhiteSpace(character))
            {
                Flush(words);
                continue;
            }

            var start = offset.TotalMilliseconds + alignment.StartsMs[i];
            if (_word.Length == 0)
            {
                _wordStartMs = start;
                _wordEndMs = start;
            }

            _word.Append(character);
            _wordEndMs = Math.Max(_wordEndMs, start + alignment.DurationsMs[i]);
            _letters += character.Count(c => !char.IsWhiteSpace(c));
        }

        if (_letters >= _expectedLetters)
        {
            Flush(words);
        }

        return words;
    }

    /// <summary>The word still open when the generation ends (its text was not all timed), if any.</summary>
    public List<SpokenWord> Finish()
    {
        var words = new List<SpokenWord>();
        Flush(words);
        return words;
    }

    private void Flush(List<SpokenWord> words)
    {
        if (_word.Length == 0)
        {
            return;
        }

        words.Add(new SpokenWord(_word.ToString(), TimeSpan.FromMilliseconds(_wordStartMs), TimeSpan.FromMilliseconds(_wordEndMs - _wordStartMs)));
        _word.Clear();
    }
}
