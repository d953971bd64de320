using System.Text;

namespace Parley.Sessions.Replies;

/// <summary>The text of a reply laid on its audio timeline, so it can be cut to what the listener heard.</summary>
/// <remarks>
/// When the synthesiser times its words (ElevenLabs' alignment), a word is heard once its audio has played. Otherwise
/// the timing is estimated: each piece's words share its audio in proportion to their length in characters (a word
/// ends once the audio up to its last character has played); this is within a word or so on short pieces.
/// </remarks>
internal sealed class SpokenText
{
    private readonly List<Piece> _pieces = [];

    /// <summary>Whether nothing has been laid on the timeline yet.</summary>
    public bool IsEmpty => _pieces.Count == 0;

    /// <summary>Everything queued to be spoken (kept joined: the listener reads it every frame while the user talks over the agent).</summary>
    public string FullText { get; private set; } = string.Empty;

    /// <summary>Lays a piece on the timeline where its audio starts; <see cref="Lengthen"/> gives it its audio as it comes.</summary>
    public void Add(string text, TimeSpan start, TimeSpan duration = default)
    {
        _pieces.Add(new Piece(text, start) { Duration = duration });
        FullText = FullText.Length == 0 ? text : $"{FullText} {text}";
    }

    /// <summary>The last piece's audio grew by <paramref name="duration"/>, speaking <paramref name="words"/> (timed from the piece's start) when known.</summary>
    public void Lengthen(TimeSpan duration, IReadOnlyList<Engines.TextToSpeech.SpokenWord>? words = null)
    {
        if (_pieces.Count == 0)
        {
            return;
        }

        var piece = _pieces[^1];
        piece.Duration += duration;
        if (words is not null)
        {
            piece.WordEnds.AddRange(words.Select(w => w.Start + w.Duration));
        }
    }

    /// <summary>The words fully heard once <paramref name="played"/> of the reply's audio has played.</summary>
    public string HeardText(TimeSpan played)
    {
        var heard = new StringBuilder();
        foreach (var piece in _pieces)
        {
            if (played <= piece.Start)
            {
                break;
            }

            var into = played - piece.Start;
            if (piece.WordEnds.Count > 0)
            {
                Append(heard, FirstWords(piece.Text, piece.WordEnds.Count(end => end <= into)));
                continue;
            }

            var fraction = piece.Duration <= TimeSpan.Zero ? 1 : Math.Min(1, into / piece.Duration);
            Append(heard, fraction >= 1 ? piece.Text : WordsWithin(piece.Text, fraction));
        }

        return heard.ToString();
    }

    /// <summary>
    /// The part of <paramref name="generated"/> (the reply's whole text, of which the pieces are consecutive parts)
    /// from the first piece not fully heard once <paramref name="played"/> had played.
    /// </summary>
    public string RestAfterHeard(string generated, TimeSpan played)
    {
        var cursor = 0;
        foreach (var piece in _pieces)
        {
            var at = generated.IndexOf(piece.Text, cursor, StringComparison.Ordinal);
            if (played < piece.Start + piece.Duration || at < 0)
            {
                break;
            }

            cursor = at + piece.Text.Length;
        }

        return generated[cursor..].Trim();
    }

    private static string WordsWithin(string text, double fraction)
    {
        var limit = fraction * text.Length;
        var end = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var wordEnds = !char.IsWhiteSpace(text[i]) && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]));
            if (wordEnds)
            {
                if (i + 1 > limit)
                {
                    break;
                }

                end = i + 1;
            }
        }

        return text[..end];
    }

    private static string FirstWords(string text, int count)
        => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(count));

    private static void Append(StringBuilder heard, string words)
    {
        if (words.Length == 0)
        {
            return;
        }

        if (heard.Length > 0)
        {
            heard.Append(' ');
        }

        heard.Append(words);
    }

    private sealed class Piece(string text, TimeSpan start)
    {
        public string Text { get; } = text;

        public TimeSpan Start { get; } = start;

        public TimeSpan Duration { get; set; }

        /// <summary>When each word's audio ends, from the piece's start, when the synthesiser said.</summary>
        public List<TimeSpan> WordEnds { get; } = [];
    }
}
