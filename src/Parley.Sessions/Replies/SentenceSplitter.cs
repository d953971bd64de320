using System.Text;

namespace Parley.Sessions.Replies;

/// <summary>Cuts streamed agent text into pieces to synthesise one by one, so speech starts before the reply is complete.</summary>
/// <remarks>
/// A piece ends at . ! ? followed by a space (so "3.5" stays whole). The first piece may also end at a clause
/// break (, ; :) once it is long enough to be worth speaking, because the first audio matters most for latency.
/// </remarks>
internal sealed class SentenceSplitter
{
    private const int FirstClauseMinChars = 24;

    private readonly StringBuilder _pending = new();
    private bool _emittedAny;

    /// <summary>Adds streamed text; returns the pieces it completed.</summary>
    public IReadOnlyList<string> Append(string text)
    {
        _pending.Append(text);
        List<string>? pieces = null;
        while (TryCut(out var piece))
        {
            (pieces ??= []).Add(piece);
        }

        return pieces ?? (IReadOnlyList<string>)[];
    }

    /// <summary>The rest, at the end of the stream; null when nothing is left.</summary>
    public string? Flush()
    {
        var rest = _pending.ToString().Trim();
        _pending.Clear();
        return rest.Length > 0 ? rest : null;
    }

    private bool TryCut(out string piece)
    {
        for (var i = 0; i < _pending.Length - 1; i++)
        {
            var c = _pending[i];
            var endsSentence = c is '.' or '!' or '?';
            var endsClause = !_emittedAny && c is ',' or ';' or ':' && i + 1 >= FirstClauseMinChars;
            if ((endsSentence || endsClause) && char.IsWhiteSpace(_pending[i + 1]))
            {
                piece = _pending.ToString(0, i + 1).Trim();
                _pending.Remove(0, i + 1);
                if (piece.Length == 0)
                {
                    continue;
                }

                _emittedAny = true;
                return true;
            }
        }

        piece = string.Empty;
        return false;
    }
}
