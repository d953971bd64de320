using System.Text;

namespace Parley.Sessions.Replies;

/// <summary>The text of a reply laid on its audio timeline, so it can be cut to what the listener heard.</summary>
/// <remarks>
/// Word timing is estimated from the TTS output: each piece's words share its audio in proportion to their
/// length in characters (a word ends once the audio up to its last character has played). Flite does not
/// report word boundaries through its simple API; this estimate is within a word or so on short pieces.
/// </remarks>
internal sealed class SpokenText
{
    private readonly List<(string Text, TimeSpan Start, TimeSpan Duration)> _pieces = [];

    /// <summary>Whether nothing has been laid on the timeline yet.</summary>
    public bool IsEmpty => _pieces.Count == 0;

    /// <summary>Everything queued to be spoken (kept joined: the listener reads it every frame while the user talks over the agent).</summary>
    public string FullText { get; private set; } = string.Empty;

    /// <summary>Lays a piece on the timeline.</summary>
    public void Add(string text, TimeSpan start, TimeSpan duration)
    {
        _pieces.Add((text, start, duration));
        FullText = FullText.Length == 0 ? text : $"{FullText} {text}";
    }

    /// <summary>The words fully heard once <paramref name="played"/> of the reply's audio has played.</summary>
    public string HeardText(TimeSpan played)
    {
        var heard = new StringBuilder();
        foreach (var (text, start, duration) in _pieces)
        {
            if (played <= start)
            {
                break;
            }

            var fraction = duration <= TimeSpan.Zero ? 1 : Math.Min(1, (played - start) / duration);
            Append(heard, fraction >= 1 ? text : WordsWithin(text, fraction));
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
        foreach (var (text, start, duration) in _pieces)
        {
            var at = generated.IndexOf(text, cursor, StringComparison.Ordinal);
            if (played < start + duration || at < 0)
            {
                break;
            }

            cursor = at + text.Length;
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
}
