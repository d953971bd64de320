using System.Globalization;
using System.Text;

namespace Parley.Agents.Embedded;

/// <summary>
/// Converts between numbers and English words: parses what a speech recogniser writes ("one hundred and twenty
/// three", "twenty-one", "minus five", "12") and writes what a TTS voice reads well ("eighty-four").
/// </summary>
internal static class NumberWords
{
    private static readonly string[] Small =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly (ulong Value, string Name)[] Scales =
    [
        (1_000_000_000_000_000_000, "quintillion"),
        (1_000_000_000_000_000, "quadrillion"),
        (1_000_000_000_000, "trillion"),
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ];

    private static readonly Dictionary<string, int> SmallValues = BuildSmallValues();

    private static readonly Dictionary<string, long> ScaleValues = new()
    {
        ["thousand"] = 1_000,
        ["million"] = 1_000_000,
        ["billion"] = 1_000_000_000,
        ["trillion"] = 1_000_000_000_000,
    };

    private static readonly string[] Ordinals =
    [
        "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    ];

    /// <summary>Writes an integer in words, e.g. -1234 → "minus one thousand two hundred thirty-four".</summary>
    public static string ToWords(long value)
    {
        if (value == 0)
        {
            return "zero";
        }

        // Negating long.MinValue overflows, so work on the magnitude as an unsigned number.
        ulong magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        var sb = new StringBuilder(value < 0 ? "minus" : "");
        foreach (var (scale, name) in Scales)
        {
            if (magnitude >= scale)
            {
                AppendGroup(sb, (int)(magnitude / scale));
                sb.Append(' ').Append(name);
                magnitude %= scale;
            }
        }

        if (magnitude > 0)
        {
            AppendGroup(sb, (int)magnitude);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Writes a number rounded to <paramref name="decimals"/> places, reading decimals digit by digit
    /// ("three point one four") because that is how people say them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or is a quadrillion or more.</exception>
    public static string ToWords(double value, int decimals = 2)
    {
        if (!double.IsFinite(value) || Math.Abs(value) >= 1e15)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Too large to say in words.");
        }

        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == Math.Truncate(rounded))
        {
            return ToWords((long)rounded);
        }

        string text = Math.Abs(rounded).ToString("0." + new string('#', Math.Max(decimals, 1)), CultureInfo.InvariantCulture);
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        var sb = new StringBuilder(rounded < 0 ? "minus " : "");
        sb.Append(ToWords(long.Parse(text.AsSpan(0, dot), CultureInfo.InvariantCulture))).Append(" point");
        foreach (char digit in text.AsSpan(dot + 1))
        {
            sb.Append(' ').Append(Small[digit - '0']);
        }

        return sb.ToString();
    }

    /// <summary>Writes an ordinal, e.g. 21 → "twenty-first".</summary>
    public static string ToOrdinal(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (value < 20)
        {
            return Ordinals[value];
        }

        if (value < 100 && value % 10 == 0)
        {
            // "twenty" → "twentieth".
            return Tens[value / 10][..^1] + "ieth";
        }

        if (value < 100)
        {
            return Tens[value / 10] + "-" + Ordinals[value % 10];
        }

        string words = ToWords(value);
        int lastBreak = words.LastIndexOfAny([' ', '-']);
        string last = words[(lastBreak + 1)..];
        string ordinal = Array.IndexOf(Small, last) is var small and > 0 ? Ordinals[small]
            : Array.IndexOf(Tens, last) > 1 ? last[..^1] + "ieth"
            : last + "th"; // hundred, thousand, million…
        return words[..(lastBreak + 1)] + ordinal;
    }

    /// <summary>Writes a year the way it is spoken: 1984 → "nineteen eighty-four", 2005 → "two thousand five".</summary>
    public static string YearToWords(int year)
    {
        if (year is < 1100 or > 9999 || year is >= 2000 and < 2010)
        {
            return ToWords(year);
        }

        int high = year / 100, low = year % 100;
        return low switch
        {
            0 => ToWords(high) + " hundred",
            < 10 => ToWords(high) + " oh " + Small[low],
            _ => ToWords(high) + " " + ToWords(low),
        };
    }

    /// <summary>Parses a whole text as one number, e.g. "one hundred and twenty three" or "-4.5".</summary>
    public static bool TryParse(string text, out double value)
    {
        var tokens = TextNormalizer.Tokenize(text);
        if (TryParse(tokens, 0, out value, out int consumed) && consumed == tokens.Count)
        {
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Parses the longest number that starts at <paramref name="start"/>; <paramref name="consumed"/> counts its tokens.</summary>
    public static bool TryParse(IReadOnlyList<string> tokens, int start, out double value, out int consumed)
    {
        value = 0;
        consumed = 0;
        int i = start;
        bool negative = i < tokens.Count && tokens[i] is "minus" or "negative";
        if (negative)
        {
            i++;
        }

        if (i >= tokens.Count || !(TryParseDigits(tokens, i, out double magnitude, out int end) || NumberWordParser.TryParse(tokens, i, out magnitude, out end)))
        {
            return false;
        }

        value = negative ? -magnitude : magnitude;
        consumed = end - start;
        return true;
    }

    private static void AppendGroup(StringBuilder sb, int group)
    {
        if (group >= 100)
        {
            Space(sb).Append(Small[group / 100]).Append(" hundred");
            group %= 100;
        }

        if (group >= 20)
        {
            Space(sb).Append(Tens[group / 10]);
            if (group % 10 != 0)
            {
                sb.Append('-').Append(Small[group % 10]);
            }
        }
        else if (group > 0)
        {
            Space(sb).Append(Small[group]);
        }
    }

    private static StringBuilder Space(StringBuilder sb) => sb.Length > 0 ? sb.Append(' ') : sb;

    private static bool IsDigits(string token) =>
        token.Length > 0 && (char.IsAsciiDigit(token[0]) || (token.Length > 1 && token[0] is '-' or '.' && char.IsAsciiDigit(token[1])));

    // "12", "3.5", also followed by scale words as recognisers write them: "5 million", "2 hundred thousand".
    private static bool TryParseDigits(IReadOnlyList<string> tokens, int start, out double value, out int end)
    {
        end = start;
        if (!IsDigits(tokens[start]) || !double.TryParse(tokens[start], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            value = 0;
            return false;
        }

        end = start + 1;
        long lastScale = 1;
        while (end < tokens.Count && ScaleOrHundred(tokens[end]) is long scale && scale > lastScale)
        {
            value *= scale;
            lastScale = scale;
            end++;
        }

        return true;
    }

    /// <summary>The value of "hundred", "thousand", "million", "billion" or "trillion"; otherwise null.</summary>
    internal static long? ScaleOrHundred(string token) =>
        token == "hundred" ? 100 : ScaleValues.TryGetValue(token, out long scale) ? scale : null;

    /// <summary>The value of "zero" to "nineteen" or of "twenty", "thirty" … "ninety".</summary>
    internal static bool TryGetSmall(string token, out int value) => SmallValues.TryGetValue(token, out value);

    private static Dictionary<string, int> BuildSmallValues()
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal) { ["nought"] = 0 };
        for (int i = 0; i < Small.Length; i++)
        {
            values[Small[i]] = i;
        }

        for (int i = 2; i < Tens.Length; i++)
        {
            values[Tens[i]] = i * 10;
        }

        return values;
    }
}
