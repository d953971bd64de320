using System.Text;

namespace Parley.Agents.Embedded;

/// <summary>
/// Splits recogniser or typed text into lower-case word tokens: drops punctuation and apostrophes ("what's" →
/// "whats"), splits hyphenated words ("twenty-one"), keeps numbers ("1,000" → "1000", "-4.5") and arithmetic symbols.
/// </summary>
internal static class TextNormalizer
{
    private const string Symbols = "+*×/^=";

    /// <summary>Returns the tokens of <paramref name="text"/>; empty for null or blank text.</summary>
    public static IReadOnlyList<string> Tokenize(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return tokens;
        }

        var current = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = char.ToLowerInvariant(text[i]);
            char previous = i > 0 ? text[i - 1] : ' ';
            char next = i + 1 < text.Length ? text[i + 1] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (c is '\'' or '’')
            {
                // Dropped, so "what's" and "whats" match alike.
            }
            else if (c is '.' or ',' && char.IsAsciiDigit(previous) && char.IsAsciiDigit(next))
            {
                // "3.5" keeps its point; "1,000" loses its separator.
                if (c == '.')
                {
                    current.Append(c);
                }
            }
            else if (c == '-' && current.Length == 0 && char.IsAsciiDigit(next))
            {
                current.Append(c); // a negative number such as "-5"
            }
            else
            {
                Flush(current, tokens);
                if (Symbols.Contains(c, StringComparison.Ordinal) || IsMinusSign(c, previous, next))
                {
                    tokens.Add(c == '×' ? "*" : c.ToString());
                }
            }
        }

        Flush(current, tokens);
        return tokens;
    }

    // A dash between spaces or between digits ("5 - 3", "5-3") is a minus; between letters it only joins words.
    private static bool IsMinusSign(char c, char previous, char next) =>
        c == '-' && ((char.IsWhiteSpace(previous) && char.IsWhiteSpace(next)) || (char.IsAsciiDigit(previous) && char.IsAsciiDigit(next)));

    private static void Flush(StringBuilder current, List<string> tokens)
    {
        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
            current.Clear();
        }
    }
}
